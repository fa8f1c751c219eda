// A province's paths in Debian's Chromium, on the region demo (丽水市 and 衢州市 on one server,
// 10,600 grids: past the thresholds where the overview goes by tiles and the planner and a new
// campaign by city). The suite serves it itself, seeded once into .data/e2e-region (about a
// minute on a clean clone). The command room's overview opens tiled by itself, picks a grid and
// recolours it when a head takes its officer away; the planner and a new campaign ask for a city
// first, and take it from the map or the list. Nothing leaves the origin.
import { type APIRequestContext, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, serveApp, type RunningApp } from '../../scripts/serve.ts';
import { interiorPoint } from '../../src/lib/geo/interior-point.ts';
import type { AreaCollection, GridCollection, MapSummary } from '../../src/lib/types/layers.ts';
import {
	largestAssignedGrid,
	launchChromium,
	openWatched,
	projector,
	settledCamera,
	signedInApi,
	waitForMap
} from './browser.ts';
import { centreColour, distance } from './pixels.ts';

const SHOTS = 'test-results/screenshots';
/** GRID_UNASSIGNED over the basemap, as the county's tiled overview sees it */
const UNASSIGNED: [number, number, number] = [250, 166, 247];

let app: RunningApp;
let baseUrl: string;
let browser: Browser;
let headApi: APIRequestContext;
let restore: { grid_id: number; officer_id: number } | null = null;

beforeAll(async () => {
	ensureBuilt();
	app = await serveApp({
		dataDir: '.data/e2e-region',
		port: Number(process.env.E2E_PORT ?? 3107) + 50,
		scale: 'region',
		quiet: true
	});
	baseUrl = app.url;
	browser = await launchChromium();
	headApi = await signedInApi(baseUrl, 'head@demo.local');
});
afterAll(async () => {
	if (restore) {
		const res = await headApi.post(`${baseUrl}/api/grids/${restore.grid_id}/assignment`, {
			data: { officer_id: restore.officer_id, expected_officer_id: null, role: 'primary' }
		});
		expect(res.ok(), 'the officer put back').toBe(true);
	}
	await headApi?.dispose();
	await browser?.close();
	await app?.stop();
});

const open = (as: string) => openWatched(browser, { width: 1366, height: 900 }, as, baseUrl);

const external = (requests: string[]) =>
	requests.filter((u) => !u.startsWith(baseUrl) && !u.startsWith('data:') && !u.startsWith('blob:'));

/** The cities' counties as the caller reads them, and a point well inside the largest of a city's. */
async function cityPoint(page: Page, code: string): Promise<[number, number]> {
	const counties = (await (
		await page.context().request.get(`${baseUrl}/api/layers/counties`)
	).json()) as AreaCollection;
	const own = counties.features.filter((c) => c.properties.code.startsWith(code));
	expect(own.length).toBeGreaterThan(1);
	const extent = (c: AreaCollection['features'][number]) => {
		const xs = c.geometry.coordinates.flat(2).map((p) => p[0]);
		const ys = c.geometry.coordinates.flat(2).map((p) => p[1]);
		return (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys));
	};
	const largest = own.sort((a, b) => extent(b) - extent(a))[0];
	return interiorPoint(largest.geometry)!;
}

describe('a region of two cities on one server', () => {
	it('is past the thresholds: more than 10,000 grids in two cities', async () => {
		const { page } = await open('command@demo.local');
		const summary = (await (await page.context().request.get(`${baseUrl}/api/summary`)).json()) as MapSummary;
		expect(summary.grids).toBe(10_600);
		const counties = (await (
			await page.context().request.get(`${baseUrl}/api/layers/counties`)
		).json()) as AreaCollection;
		expect(new Set(counties.features.map((c) => c.properties.code.slice(0, 4)))).toEqual(
			new Set(['3308', '3311'])
		);
		await page.context().close();
	});

	it("draws the command room's overview from tiles, picks a grid, and recolours it on an assignment", async () => {
		// the head's largest grid with an officer, and a point well inside it
		const grids = (await (await headApi.get(`${baseUrl}/api/layers/grids`)).json()) as GridCollection;
		const grid = largestAssignedGrid(grids);
		const point = interiorPoint(grid.geometry)!;

		// the command room reads all 10,600 grids: no ?tiles, and the page takes tiles by itself
		// (grids alone: the village's name is drawn at the same interior point)
		const { page, requests, errors } = await open('command@demo.local');
		const t0 = Date.now();
		await page.goto(`${baseUrl}/?layers=grids&z=15&c=${point[0].toFixed(6)},${point[1].toFixed(6)}`);
		const hooks = await waitForMap(page);
		console.log(`region overview ready ${Date.now() - t0} ms`);
		// every grid's state is loaded, no outline: the tiles bring those
		expect(hooks.features).toMatchObject({ grids: 10_600, villages: 0 });
		await settledCamera(page);
		const asked = (what: string) => requests.filter((u) => u.includes(what));
		expect(asked('/api/layers/grids')).toEqual([]);
		await expect.poll(() => asked('/api/tiles/grids/').length, { timeout: 20_000 }).toBeGreaterThan(0);
		// drawn: the centre is a grid's fill, not the unassigned one nor the bare basemap
		await expect
			.poll(async () => distance(await centreColour(page), UNASSIGNED), { timeout: 20_000 })
			.toBeGreaterThan(40);
		const assigned = await centreColour(page);
		await page.screenshot({ path: `${SHOTS}/region-overview.png` });

		// the head takes the officer away: the grid turns, from its state alone, with no new tile
		const tilesBefore = asked('/api/tiles/').length;
		const t1 = Date.now();
		const res = await headApi.delete(`${baseUrl}/api/grids/${grid.properties.id}/assignment`, {
			data: { officer_id: grid.properties.officer_id }
		});
		expect(res.ok()).toBe(true);
		restore = { grid_id: grid.properties.id, officer_id: grid.properties.officer_id! };
		await expect
			.poll(async () => distance(await centreColour(page), UNASSIGNED), { timeout: 10_000, interval: 100 })
			.toBeLessThan(30);
		const recoloured = Date.now() - t1;
		expect(distance(await centreColour(page, `${SHOTS}/region-unassigned.png`), assigned)).toBeGreaterThan(
			40
		);
		expect(recoloured).toBeLessThan(3000);
		expect(asked('/api/tiles/').length).toBe(tilesBefore);
		console.log(`region: tiled grid recoloured ${recoloured} ms after the head's change`);

		// under the pointer its name and state; a click opens its facts
		const box = (await page.getByTestId('map').boundingBox())!;
		await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
		const tip = page.getByRole('tooltip');
		await expect.poll(() => tip.innerText(), { timeout: 5000 }).toContain(grid.properties.name);
		expect(await tip.innerText()).toContain('无责任民警');
		await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
		const panel = page.getByTestId('side-panel');
		await panel.waitFor({ state: 'visible' });
		await expect.poll(() => panel.innerText()).toContain(grid.properties.name);
		expect(page.url()).toContain(`sel=grid:${grid.properties.id}`);

		expect(external(requests)).toEqual([]);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('has the planner choose a city on the map, then analyses that city alone', async () => {
		const { page, requests, errors } = await open('planner@demo.local');
		await page.goto(`${baseUrl}/plan`);
		await waitForMap(page);
		await expect
			.poll(() => page.evaluate(() => document.body.innerText))
			.toContain('共 10,600 个网格，无法一次分析全部');
		// nothing analysed, nothing to export
		expect(requests.filter((u) => u.includes('/api/coverage/input'))).toEqual([]);
		await expect(page.getByTestId('export-csv').isDisabled()).resolves.toBe(true);

		const point = await cityPoint(page, '3308');
		await settledCamera(page);
		const [x, y] = (await projector(page))(point);
		await page.mouse.move(x, y);
		await expect.poll(() => page.getByRole('tooltip').innerText(), { timeout: 5000 }).toContain('衢州市');
		const t0 = Date.now();
		await page.mouse.click(x, y);
		await page.waitForURL(/[?&]city=3308/);
		await waitForMap(page, 90_000);
		console.log(`region: 衢州市 analysed ${Date.now() - t0} ms after the click`);
		expect(await page.getByTestId('city-choice').inputValue()).toBe('3308');
		const count = await page.getByTestId('findings-count').innerText();
		const [shown] = count.match(/[\d,]+/)!;
		expect(Number(shown.replace(/,/g, ''))).toBeGreaterThan(0);
		// the input read is the city's counties', not the region's
		const input = requests.filter((u) => u.includes('/api/coverage/input'));
		expect(input).toHaveLength(1);
		expect(input[0]).toMatch(/counties=[\d,]+$/);
		await page.screenshot({ path: `${SHOTS}/region-plan-city.png` });

		expect(external(requests)).toEqual([]);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it("plans a new campaign within a city chosen first, with the city's townships only", async () => {
		const { page, requests, errors } = await open('command@demo.local');
		await page.goto(`${baseUrl}/campaigns/new`);
		await waitForMap(page);
		// no scope to tick and no button that leads nowhere before the city
		await expect(page.getByTestId('plan-submit').isDisabled()).resolves.toBe(true);
		expect(await page.locator('[data-testid^="township-"]').count()).toBe(0);

		await page.getByTestId('city-choice').selectOption('3311');
		await page.waitForURL(/[?&]city=3311/);
		await page.locator('[data-testid^="township-"]').first().waitFor();
		await waitForMap(page);
		const shown = await page.locator('[data-testid^="township-"]').count();

		const api = page.context().request;
		const counties = (await (await api.get(`${baseUrl}/api/layers/counties`)).json()) as AreaCollection;
		const lishui = new Set(
			counties.features.filter((c) => c.properties.code.startsWith('3311')).map((c) => c.properties.id)
		);
		const townships = (await (await api.get(`${baseUrl}/api/layers/townships`)).json()) as AreaCollection;
		const own = townships.features.filter((t) => lishui.has(t.properties.parent_id ?? -1));
		expect(own.length).toBeLessThan(townships.features.length);
		expect(shown).toBe(own.length);
		await page.screenshot({ path: `${SHOTS}/region-campaign-city.png` });

		expect(external(requests)).toEqual([]);
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
