// "Export image" on the overview and the planner: the PNG has the map's size plus the title
// band, a drawn map, the Chinese title, the legend and a scale bar.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openWatched, waitForMap } from './browser.ts';
import { rgba } from './pixels.ts';

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
	const { width, height, data } = await rgba(page, png);
	const area = (x0: number, y0: number, w: number, h: number) => {
		const pixels: [number, number, number][] = [];
		for (let y = y0; y < y0 + h; y++)
			for (let x = x0; x < x0 + w; x++) {
				const i = (y * width + x) * 4;
				pixels.push([data[i], data[i + 1], data[i + 2]]);
			}
		return pixels;
	};
	const share = (pixels: [number, number, number][], test: (r: number, g: number, b: number) => boolean) =>
		pixels.filter(([r, g, b]) => test(r, g, b)).length / pixels.length;
	const map = area(0, HEADER_PX, width, height - HEADER_PX);
	const counts = new Map<number, number>();
	for (const [r, g, b] of map) {
		const key = ((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4);
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return {
		width,
		height,
		titleInk: share(area(16, 8, 300, 30), (r, g, b) => r + g + b < 200),
		mapColours: counts.size,
		mapNonBackground: 1 - Math.max(...counts.values()) / map.length,
		legendWhite: share(area(16, height - 60, 100, 40), (r, g, b) => r > 240 && g > 240 && b > 240)
	};
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
