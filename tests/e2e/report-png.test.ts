// "Export image" on the overview and the planner: the PNG has the map's size plus the title
// band, a drawn map, the Chinese title, the legend and a scale bar.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openWatched, waitForMap } from './browser.ts';

const baseUrl = inject('baseUrl');
const SHOTS = 'test-results/screenshots';
const HEADER_PX = 64;
let browser: Browser;

beforeAll(async () => {
	mkdirSync(SHOTS, { recursive: true });
	browser = await launchChromium();
});
afterAll(async () => {
	await browser?.close();
});

interface Regions {
	width: number;
	height: number;
	/** share of dark (text) pixels in the title band's left part */
	titleInk: number;
	/** distinct colours (4 bits per channel) in the map part */
	mapColours: number;
	/** share of the map part that is not its most common colour */
	mapNonBackground: number;
	/** share of near-white pixels where the legend box is drawn (bottom left) */
	legendWhite: number;
}

async function regions(page: Page, png: Buffer): Promise<Regions> {
	return page.evaluate(
		async ({ dataUrl, header }) => {
			const img = new Image();
			img.src = dataUrl;
			await img.decode();
			const c = document.createElement('canvas');
			c.width = img.width;
			c.height = img.height;
			const ctx = c.getContext('2d')!;
			ctx.drawImage(img, 0, 0);
			const area = (x: number, y: number, w: number, h: number) => ctx.getImageData(x, y, w, h).data;
			const share = (d: Uint8ClampedArray, test: (r: number, g: number, b: number) => boolean) => {
				let n = 0;
				for (let i = 0; i < d.length; i += 4) if (test(d[i], d[i + 1], d[i + 2])) n++;
				return n / (d.length / 4);
			};
			const title = area(16, 8, 300, 30);
			const map = area(0, header, img.width, img.height - header);
			const counts = new Map<number, number>();
			for (let i = 0; i < map.length; i += 4) {
				const key = ((map[i] >> 4) << 8) | ((map[i + 1] >> 4) << 4) | (map[i + 2] >> 4);
				counts.set(key, (counts.get(key) ?? 0) + 1);
			}
			return {
				width: img.width,
				height: img.height,
				titleInk: share(title, (r, g, b) => r + g + b < 200),
				mapColours: counts.size,
				mapNonBackground: 1 - Math.max(...counts.values()) / (map.length / 4),
				legendWhite: share(area(16, img.height - 60, 100, 40), (r, g, b) => r > 240 && g > 240 && b > 240)
			};
		},
		{ dataUrl: `data:image/png;base64,${png.toString('base64')}`, header: HEADER_PX }
	);
}

async function exportPng(page: Page, name: string): Promise<{ png: Buffer; file: string }> {
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('report-png').click()
	]);
	const path = await download.path();
	const png = readFileSync(path);
	writeFileSync(`${SHOTS}/${name}`, png);
	return { png, file: download.suggestedFilename() };
}

describe('the map view as a PNG', () => {
	it('exports the overview with title, legend and scale bar', async () => {
		const { page, errors, requests } = await openWatched(browser, { width: 1366, height: 768 });
		await page.goto(baseUrl);
		await waitForMap(page);
		const box = (await page.getByTestId('map').boundingBox())!;
		const { png, file } = await exportPng(page, 'report-overview.png');
		expect(file).toMatch(/^遂昌县网格警务图-\d{4}-\d{2}-\d{2}\.png$/);
		expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
		const r = await regions(page, png);
		expect({ width: r.width, height: r.height }).toEqual({
			width: Math.round(box.width),
			height: Math.round(box.height) + HEADER_PX
		});
		expect(r.titleInk).toBeGreaterThan(0.03);
		expect(r.mapColours).toBeGreaterThan(40);
		expect(r.mapNonBackground).toBeGreaterThan(0.2);
		expect(r.legendWhite).toBeGreaterThan(0.3);
		expect(errors).toEqual([]);
		expect(requests.filter((u) => !u.startsWith(baseUrl) && !/^(data|blob):/.test(u))).toEqual([]);
		await page.context().close();
	});

	it('exports the planner’s map', async () => {
		const { page, errors } = await openWatched(browser, { width: 1366, height: 768 }, 'planner@demo.local');
		await page.goto(`${baseUrl}/plan`);
		await waitForMap(page);
		const box = (await page.getByTestId('map').boundingBox())!;
		const { png, file } = await exportPng(page, 'report-plan.png');
		expect(file).toMatch(/警务覆盖缺口图-\d{4}-\d{2}-\d{2}\.png$/);
		const r = await regions(page, png);
		expect(r.width).toBe(Math.round(box.width));
		expect(r.height).toBe(Math.round(box.height) + HEADER_PX);
		expect(r.titleInk).toBeGreaterThan(0.03);
		expect(r.mapColours).toBeGreaterThan(20);
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
