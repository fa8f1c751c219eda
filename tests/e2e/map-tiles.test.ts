// The overview with villages and grids from vector tiles (`?tiles=1`; a province opens so by
// itself), in Debian's Chromium on the county demo: a grid is drawn in the colour the GeoJSON
// layer gives it, explains itself under the pointer, opens its facts on a click, and turns to the
// unassigned colour when a head takes its officer away, with no new tile. Nothing leaves the
// origin. The assignment is put back afterwards (the e2e database persists).
import { type APIRequestContext, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { interiorPoint } from '../../src/lib/geo/interior-point.ts';
import type { GridCollection } from '../../src/lib/types/layers.ts';
import {
	largestAssignedGrid,
	launchChromium,
	mapReport,
	openWatched,
	settledCamera,
	signedInApi,
	waitForMap
} from './browser.ts';
import { centreColour, distance } from './pixels.ts';

const baseUrl = inject('baseUrl');
const SHOTS = 'test-results/screenshots';
let browser: Browser;
let headApi: APIRequestContext;
let restore: { grid_id: number; officer_id: number } | null = null;

beforeAll(async () => {
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
});

const external = (requests: string[]) =>
	requests.filter((u) => !u.startsWith(baseUrl) && !u.startsWith('data:') && !u.startsWith('blob:'));

describe('the overview from vector tiles', () => {
	it('draws, explains, opens and recolours a grid as the GeoJSON map does', async () => {
		// the head's largest grid with an officer, and a point well inside it
		const grids = (await (await headApi.get(`${baseUrl}/api/layers/grids`)).json()) as GridCollection;
		const grid = largestAssignedGrid(grids);
		const point = interiorPoint(grid.geometry)!;
		const view = `z=15&c=${point[0].toFixed(6)},${point[1].toFixed(6)}`;

		// what the GeoJSON layer draws there, and there with no officer
		const reference = await openWatched(browser);
		await reference.page.goto(`${baseUrl}/?tiles=0&layers=grids&${view}`);
		await waitForMap(reference.page);
		await settledCamera(reference.page);
		const assigned = await centreColour(reference.page);
		await reference.page.context().close();

		const { page, requests, errors } = await openWatched(browser);
		const refused: string[] = [];
		page.on('response', (r) => {
			if (r.url().includes('/api/') && r.status() >= 400) refused.push(`${r.status()} ${r.url()}`);
		});
		await page.goto(`${baseUrl}/?tiles=1&layers=villages,grids&${view}`);
		const hooks = await waitForMap(page).catch(async (e: Error) => {
			// what the page was waiting for, to tell a slow tile from a lost one
			const report = await mapReport(page);
			throw new Error(
				`${e.message}\nmap: ${JSON.stringify(report)}\nrefused: ${refused.join(', ')}\nerrors: ${errors.join(' | ')}`
			);
		});
		// the grids' states are loaded, the villages' outlines are not: the tiles bring those
		expect(hooks.features).toMatchObject({ grids: 449, villages: 0 });
		await settledCamera(page);
		await expect
			.poll(async () => distance(await centreColour(page), assigned), { timeout: 20_000 })
			.toBeLessThan(12);
		await page.screenshot({ path: `${SHOTS}/overview-tiles.png` });
		const tiles = requests.filter((u) => u.includes('/api/tiles/'));
		expect(tiles.some((u) => u.includes('/api/tiles/grids/15/') || u.includes('/api/tiles/grids/14/'))).toBe(
			true
		);
		expect(tiles.some((u) => u.includes('/api/tiles/villages/'))).toBe(true);

		// the head takes the officer away: the grid turns, from its state alone
		const tilesBefore = requests.filter((u) => u.includes('/api/tiles/')).length;
		const t0 = Date.now();
		const res = await headApi.delete(`${baseUrl}/api/grids/${grid.properties.id}/assignment`, {
			data: { officer_id: grid.properties.officer_id }
		});
		expect(res.ok()).toBe(true);
		restore = { grid_id: grid.properties.id, officer_id: grid.properties.officer_id! };
		await expect
			.poll(async () => distance(await centreColour(page), assigned), { timeout: 10_000, interval: 100 })
			.toBeGreaterThan(40);
		const recoloured = Date.now() - t0;
		// the unassigned fill (GRID_UNASSIGNED over the basemap), as the assigning suite sees it
		const unassigned = await centreColour(page, `${SHOTS}/overview-tiles-unassigned.png`);
		expect(distance(unassigned, [250, 166, 247])).toBeLessThan(30);
		expect(recoloured).toBeLessThan(3000);
		expect(requests.filter((u) => u.includes('/api/tiles/')).length).toBe(tilesBefore);
		console.log(`tiled grid recoloured ${recoloured} ms after the head's change`);

		// under the pointer: the tile's name and the state's figures; a click opens the facts
		const box = (await page.getByTestId('map').boundingBox())!;
		await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
		const tip = page.getByRole('tooltip');
		await expect.poll(() => tip.innerText(), { timeout: 5000 }).toContain(grid.properties.name);
		expect(await tip.innerText()).toContain('无责任民警');
		// and lightened there, as deck.gl's highlight did (the pink's green rises towards white)
		await expect
			.poll(async () => (await centreColour(page, `${SHOTS}/overview-tiles-hover.png`))[1] - unassigned[1])
			.toBeGreaterThan(15);
		await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
		const panel = page.getByTestId('side-panel');
		await panel.waitFor({ state: 'visible' });
		await expect.poll(() => panel.innerText()).toContain(grid.properties.name);
		expect(page.url()).toContain(`sel=grid:${grid.properties.id}`);
		expect(page.url()).toContain('tiles=1');

		expect(external(requests)).toEqual([]);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('loads states, officers and posts only as the camera reaches them', async () => {
		// far out: county outlines and names, the notice, and nothing of the grids or officers
		const { page, requests, errors } = await openWatched(browser);
		// as the command room, who reads the whole county
		const api = page.context().request;
		const all = (await (await api.get(`${baseUrl}/api/layers/officers`)).json()) as { id: number[] };
		const answer = await api.get(`${baseUrl}/api/summary`);
		// the server keeps idle connections past a proxy's 60 s (scripts/keep-alive.ts says why)
		expect(answer.headers()['keep-alive']).toBe('timeout=65');
		const summary = (await answer.json()) as { bbox: number[] };
		const [w, s, e, n] = summary.bbox;
		const centre = `${((w + e) / 2).toFixed(5)},${((s + n) / 2).toFixed(5)}`;

		await page.goto(`${baseUrl}/?tiles=1&z=7.5&c=${centre}`);
		const far = await waitForMap(page);
		expect(far.features).toMatchObject({ grids: 0, officers: 0, posts: 0 });
		await expect.poll(() => page.getByText('放大地图查看网格、村社、警力和警务室').count()).toBe(1);
		const asked = (what: string) => requests.filter((u) => u.includes(what));
		expect(asked('/api/grid-states')).toEqual([]);
		expect(asked('/api/layers/officers')).toEqual([]);
		expect(asked('/api/tiles/')).toEqual([]);

		// close in: the states once, and the officers and posts around the view, by box
		await page.goto(`${baseUrl}/?tiles=1&z=12&c=${centre}`);
		const near = await waitForMap(page);
		await expect
			.poll(async () => (await mapReport(page))?.features.officers ?? 0, { timeout: 10_000 })
			.toBeGreaterThan(0);
		const officers = (await mapReport(page))!.features.officers;
		expect(officers).toBeLessThan(all.id.length);
		expect(near.features.grids).toBe(449);
		expect(asked('/api/grid-states')).toHaveLength(1);
		const boxes = asked('/api/layers/officers');
		expect(boxes.length).toBeGreaterThan(0);
		for (const u of boxes) expect(u).toMatch(/bbox=[\d.-]+,[\d.-]+,[\d.-]+,[\d.-]+$/);
		expect(asked('/api/layers/posts').every((u) => u.includes('bbox='))).toBe(true);
		// the officers drawn are those the box holds, as the API gives them
		const box = new URL(boxes.at(-1)!).searchParams.get('bbox');
		const inBox = (await (
			await page.context().request.get(`${baseUrl}/api/layers/officers?bbox=${box}`)
		).json()) as {
			id: number[];
		};
		expect(officers).toBe(inBox.id.length);
		await page.screenshot({ path: `${SHOTS}/overview-tiles-officers.png` });

		// a link naming a grid and no view opens on that grid, though the page holds no outline
		const grids = (await (await api.get(`${baseUrl}/api/layers/grids`)).json()) as GridCollection;
		const grid = grids.features[Math.floor(grids.features.length / 2)];
		const xs = grid.geometry.coordinates.flat(2).map((p) => p[0]);
		const ys = grid.geometry.coordinates.flat(2).map((p) => p[1]);
		await page.goto(`${baseUrl}/?tiles=1&sel=grid:${grid.properties.id}`);
		await waitForMap(page);
		await page.getByTestId('side-panel').waitFor({ state: 'visible' });
		// the facts bring the grid's box; the camera flies there and settles
		await expect.poll(async () => (await settledCamera(page)).zoom, { timeout: 15_000 }).toBeGreaterThan(12);
		const view = await settledCamera(page);
		expect(view.center[0]).toBeGreaterThan(Math.min(...xs));
		expect(view.center[0]).toBeLessThan(Math.max(...xs));
		expect(view.center[1]).toBeGreaterThan(Math.min(...ys));
		expect(view.center[1]).toBeLessThan(Math.max(...ys));
		expect(external(requests)).toEqual([]);
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
