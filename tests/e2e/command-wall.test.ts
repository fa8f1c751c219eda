// The command wall at 1920×1080, as the county's command room and as a station head: panels are
// opaque (the map moving under a tile leaves the tile's pixels as they were), each figure says its
// comparison in words, and a head's wall opens on the head's own station, not the county.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, mapReport, openWatched, waitForMap } from './browser.ts';
import { rgba } from './pixels.ts';

const SHOTS = 'test-results/screenshots';
const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
	mkdirSync(SHOTS, { recursive: true });
	browser = await launchChromium();
}, 60_000);

afterAll(async () => {
	await browser?.close();
});

type Box = { x: number; y: number; width: number; height: number };

/** Share of the pixels of two same-sized captures that differ by more than a little. */
async function changedShare(page: Page, a: Buffer, b: Buffer): Promise<number> {
	const [pa, pb] = [await rgba(page, a), await rgba(page, b)];
	expect([pa.width, pa.height]).toEqual([pb.width, pb.height]);
	let changed = 0;
	for (let i = 0; i < pa.data.length; i += 4) {
		const d =
			Math.abs(pa.data[i] - pb.data[i]) +
			Math.abs(pa.data[i + 1] - pb.data[i + 1]) +
			Math.abs(pa.data[i + 2] - pb.data[i + 2]);
		if (d > 24) changed++;
	}
	return changed / (pa.data.length / 4);
}

async function openWall(as: string) {
	const watched = await openWatched(browser, { width: 1920, height: 1080 }, as);
	await watched.page.goto(`${baseUrl}/command`);
	await waitForMap(watched.page);
	await watched.page.getByTestId('kpi-today').waitFor();
	// the opening fit animates; let it settle
	await watched.page.waitForTimeout(1500);
	return watched;
}

/** Drags the map by (dx, dy) pixels from a point clear of the panels. */
async function pan(page: Page, from: [number, number], dx: number, dy: number): Promise<void> {
	await page.mouse.move(from[0], from[1]);
	await page.mouse.down();
	await page.mouse.move(from[0] + dx, from[1] + dy, { steps: 12 });
	await page.mouse.up();
	await page.waitForTimeout(800);
}

describe('the command wall', () => {
	for (const [role, as] of [
		['command', 'command@demo.local'],
		['head', 'head@demo.local']
	] as const) {
		it(`keeps its tiles opaque over a moving map, and says what it compares (${role})`, async () => {
			const { page, errors, requests } = await openWall(as);
			try {
				await page.screenshot({ path: `${SHOTS}/command-${role}-1920.png` });
				const tile = (await page.getByTestId('kpi-today').boundingBox()) as Box;
				expect(tile.width).toBeGreaterThan(100);
				const mapBox = (await page.getByTestId('map').boundingBox()) as Box;
				// a strip of open map in the middle, to prove the map really moved
				const open: Box = {
					x: mapBox.x + mapBox.width / 2 - 150,
					y: mapBox.y + mapBox.height / 2 - 80,
					width: 300,
					height: 160
				};
				const before = {
					tile: await page.screenshot({ clip: tile }),
					open: await page.screenshot({ clip: open })
				};
				await pan(page, [open.x + 150, open.y + 80], -260, -140);
				const after = {
					tile: await page.screenshot({ clip: tile }),
					open: await page.screenshot({ clip: open })
				};
				expect(await changedShare(page, before.open, after.open)).toBeGreaterThan(0.05);
				expect(await changedShare(page, before.tile, after.tile)).toBeLessThan(0.002);

				const today = (await page.getByTestId('kpi-today').innerText()).replace(/\s+/g, '');
				expect(today).toMatch(/常态/);
				expect(today).not.toMatch(/z=|p=/);
				expect(errors).toEqual([]);
				expect(
					requests.filter((u) => !u.startsWith(baseUrl) && !u.startsWith('data:') && !u.startsWith('blob:'))
				).toEqual([]);
			} finally {
				await page.context().close();
			}
		});
	}

	it('opens a head’s wall on the head’s own station, closer than the county’s', async () => {
		const views: Record<string, { center: [number, number]; zoom: number }> = {};
		let headStations: { bbox: [number, number, number, number] }[] = [];
		for (const as of ['command@demo.local', 'head@demo.local']) {
			const { page } = await openWall(as);
			try {
				views[as] = (await mapReport(page))!.view!;
				if (as.startsWith('head')) {
					const room = (await (await page.request.get(`${baseUrl}/api/command`)).json()) as {
						stations: { bbox: [number, number, number, number] }[];
					};
					headStations = room.stations;
				}
			} finally {
				await page.context().close();
			}
		}
		expect(headStations).toHaveLength(1);
		const [w, s, e, n] = headStations[0].bbox;
		const [lon, lat] = views['head@demo.local'].center;
		expect(lon).toBeGreaterThan(w);
		expect(lon).toBeLessThan(e);
		expect(lat).toBeGreaterThan(s);
		expect(lat).toBeLessThan(n);
		expect(views['head@demo.local'].zoom).toBeGreaterThan(views['command@demo.local'].zoom + 0.5);
	});
});
