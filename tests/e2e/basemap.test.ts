// Basemap settings in Chromium, without internet: a style and raster tiles served by a tiny
// local server in the test. A bad entry says what is wrong and changes nothing; a good one
// previews, saves and is what the map pages draw; a GCJ-02 raster shifts the data by gcoord's
// offset, to the pixel.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import gcoord from 'gcoord';
import type { MultiPolygon, Position } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openWatched, settledCamera, waitForMap, type WatchedPage } from './browser.ts';
import { pixelStats, rgba } from './pixels.ts';
import {
	PMTILES_COLOUR,
	STYLE_BACKGROUND,
	TILE_COLOUR,
	onePngPmtiles,
	solidPng,
	startTileServer,
	type TileServer
} from './tile-server.ts';

const baseUrl = inject('baseUrl');
const SHOTS = 'test-results/screenshots';
// an account no other browser test uses: its basemap setting cannot disturb them
const USER = 'head2@demo.local';
// a PMTiles archive the app itself serves (BASEMAP_DIR defaults to .data/basemap)
const SERVED = '.data/basemap/e2e-basemap.pmtiles';
let browser: Browser;
let tiles: TileServer;

async function resetSetting(page: Page): Promise<void> {
	const res = await page.request.delete(`${baseUrl}/api/settings/basemap`);
	expect(res.ok()).toBe(true);
}

const ownSetting = async (page: Page) =>
	((await (await page.request.get(`${baseUrl}/api/settings/basemap`)).json()) as { basemap: unknown })
		.basemap;

beforeAll(async () => {
	mkdirSync(SHOTS, { recursive: true });
	browser = await launchChromium();
	tiles = await startTileServer();
});
afterAll(async () => {
	await browser?.close();
	await tiles?.close();
});

async function open(): Promise<WatchedPage> {
	const watched = await openWatched(browser, { width: 1366, height: 768 }, USER);
	await resetSetting(watched.page);
	return watched;
}

describe('basemap settings', () => {
	it('says what is wrong with a bad entry and keeps the old setting', async () => {
		const { page, errors } = await open();
		try {
			await page.goto(`${baseUrl}/settings`);
			await expect.poll(() => page.getByTestId('basemap-current').innerText()).toMatch(/内置离线底图/);
			const status = page.getByTestId('basemap-status');
			const attempt = async (kind: string, url: string) => {
				await page.getByTestId(`basemap-kind-${kind}`).check();
				await page.getByTestId('basemap-url').fill(url);
				await page.getByTestId('basemap-save').click();
				await expect.poll(() => status.getAttribute('data-state')).toBe('error');
				return status.innerText();
			};
			// nothing listens on the tile server's port + 1 … most likely; a closed port either way
			const closed = tiles.url.replace(
				/:(\d+)$/,
				(_, p: string) => `:${Number(p) === 65535 ? 1 : Number(p) + 1}`
			);
			expect(await attempt('style', `${closed}/style.json`)).toMatch(/未保存.*无法连接该地址/);
			expect(await attempt('style', `${tiles.url}/not-a-style.json`)).toMatch(/不是地图样式 JSON/);
			expect(await attempt('style', `${tiles.url}/missing.json`)).toMatch(/无法连接该地址.*HTTP 404/);
			expect(await attempt('style', 'tiles.local/style.json')).toMatch(/地址无效/);
			expect(await attempt('xyz_gcj02', `${tiles.url}/tiles/{z}/{x}.png`)).toMatch(/瓦片模板无效/);
			expect(await attempt('xyz_gcj02', `${tiles.url}/text-tiles/{z}/{x}/{y}.png`)).toMatch(/不是图片/);
			expect(await attempt('pmtiles', `${tiles.url}/style.json`)).toMatch(/不是 PMTiles/);
			await page.screenshot({ path: `${SHOTS}/basemap-settings-error.png` });
			expect(await ownSetting(page)).toBeNull();
			// the server refuses what the form would have caught, too
			const bad = await page.request.post(`${baseUrl}/api/settings/basemap`, {
				data: { kind: 'xyz_gcj02', url: 'http://x/{z}/{x}.png' }
			});
			expect(bad.status()).toBe(400);
			expect(((await bad.json()) as { message: string }).message).toBe('basemap_template_invalid');
			expect(await ownSetting(page)).toBeNull();
			// the failed map previews logged their errors; nothing else did
			expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
		} finally {
			await resetSetting(page);
			await page.context().close();
		}
	});

	it('tests, previews and saves a style URL, and the map pages draw it', async () => {
		const { page } = await open();
		try {
			await page.goto(`${baseUrl}/settings`);
			await page.getByTestId('basemap-kind-style').check();
			await page.getByTestId('basemap-url').fill(`${tiles.url}/style.json`);
			await page.getByTestId('basemap-test').click();
			await expect.poll(() => page.getByTestId('basemap-status').getAttribute('data-state')).toBe('ok');
			await expect.poll(() => page.getByTestId('basemap-preview').isVisible()).toBe(true);
			await page.waitForTimeout(500);
			const preview = await pixelStats(
				page,
				await page.getByTestId('basemap-preview').screenshot(),
				STYLE_BACKGROUND
			);
			expect(preview.near).toBeGreaterThan(0.8);
			await page.getByTestId('basemap-save').click();
			await expect.poll(() => page.getByTestId('basemap-status').getAttribute('data-state')).toBe('saved');
			await page.screenshot({ path: `${SHOTS}/basemap-settings-saved.png` });
			expect(await ownSetting(page)).toEqual({ kind: 'style', url: `${tiles.url}/style.json` });

			// over the sea east of the county: the offline style's sea would be grey-blue
			const before = tiles.hits.length;
			const requests: string[] = [];
			page.on('request', (r) => requests.push(r.url()));
			await page.goto(`${baseUrl}/?z=8&c=121.8,27.9`);
			const hooks = await waitForMap(page);
			expect(hooks.errors).toEqual([]);
			expect(tiles.hits.slice(before)).toContain('/style.json');
			expect(requests.some((u) => u.endsWith('/basemap/land.geojson'))).toBe(false);
			const map = await pixelStats(page, await page.getByTestId('map').screenshot(), STYLE_BACKGROUND);
			expect(map.near).toBeGreaterThan(0.3);

			// back to the default: the built-in style again, and nothing but our own origin
			await resetSetting(page);
			requests.length = 0;
			await page.goto(`${baseUrl}/plan?z=8&c=121.8,27.9`);
			await waitForMap(page);
			expect(requests.filter((u) => !u.startsWith(baseUrl) && !/^(data|blob):/.test(u))).toEqual([]);
			expect(requests.some((u) => u.endsWith('/basemap/land.geojson'))).toBe(true);
		} finally {
			await resetSetting(page);
			await page.context().close();
		}
	});

	it('draws a PMTiles archive the station hosts', async () => {
		const { page } = await open();
		try {
			await page.goto(`${baseUrl}/settings`);
			await page.getByTestId('basemap-kind-pmtiles').check();
			await page.getByTestId('basemap-url').fill(`${tiles.url}/lishui.pmtiles`);
			await page.getByTestId('basemap-save').click();
			await expect.poll(() => page.getByTestId('basemap-status').getAttribute('data-state')).toBe('saved');
			expect(await ownSetting(page)).toEqual({ kind: 'pmtiles', url: `${tiles.url}/lishui.pmtiles` });
			await page.goto(`${baseUrl}/?z=8&c=121.8,27.9`);
			const hooks = await waitForMap(page);
			expect(hooks.errors).toEqual([]);
			// raster tiles fade in over MapLibre's raster-fade-duration after the map reports ready
			await expect
				.poll(
					async () =>
						(await pixelStats(page, await page.getByTestId('map').screenshot(), PMTILES_COLOUR)).near,
					{
						timeout: 5000
					}
				)
				.toBeGreaterThan(0.3);

			// the same archive served by the app itself: nothing leaves our origin
			mkdirSync('.data/basemap', { recursive: true });
			writeFileSync(SERVED, onePngPmtiles(solidPng(256, 256, PMTILES_COLOUR)));
			const saved = await page.request.post(`${baseUrl}/api/settings/basemap`, {
				data: { kind: 'pmtiles', url: '/api/basemap-files/e2e-basemap.pmtiles' }
			});
			expect(saved.ok()).toBe(true);
			const requests: string[] = [];
			page.on('request', (r) => requests.push(r.url()));
			await page.goto(`${baseUrl}/?z=8&c=121.8,27.9`);
			expect((await waitForMap(page)).errors).toEqual([]);
			// raster tiles fade in over MapLibre's raster-fade-duration after the map reports ready
			await expect
				.poll(
					async () =>
						(await pixelStats(page, await page.getByTestId('map').screenshot(), PMTILES_COLOUR)).near,
					{
						timeout: 5000
					}
				)
				.toBeGreaterThan(0.3);
			expect(requests.filter((u) => !u.startsWith(baseUrl) && !/^(data|blob):/.test(u))).toEqual([]);
			expect(requests.some((u) => u.endsWith('/api/basemap-files/e2e-basemap.pmtiles'))).toBe(true);
			const outside = await page.request.get(`${baseUrl}/api/basemap-files/..%2Fe2e%2Fpglite.pmtiles`);
			expect(outside.status()).toBe(404);
		} finally {
			rmSync(SERVED, { force: true });
			await resetSetting(page);
			await page.context().close();
		}
	});

	it('shifts the data onto a GCJ-02 raster by gcoord’s offset, within a pixel', async () => {
		const { page, errors } = await open();
		try {
			const saved = await page.request.post(`${baseUrl}/api/settings/basemap`, {
				data: { kind: 'xyz_gcj02', url: `${tiles.url}/tiles/{z}/{x}/{y}.png` }
			});
			expect(saved.ok()).toBe(true);
			const grids = (await (await page.request.get(`${baseUrl}/api/layers/grids`)).json()) as {
				features: { properties: { id: number }; geometry: MultiPolygon }[];
			};
			// the smallest grid, so its whole outline fits the part of the map the side panel leaves
			const extent = (g: (typeof grids.features)[number]) => {
				const r = g.geometry.coordinates[0][0];
				const xs = r.map((p) => p[0]);
				const ys = r.map((p) => p[1]);
				return Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
			};
			const grid = grids.features.reduce((a, g) => (extent(g) < extent(a) ? g : a));
			const ring = grid.geometry.coordinates[0][0];
			const zoom = 14;
			const [lng, lat] = ring.reduce(
				(a, p) => [a[0] + p[0] / ring.length, a[1] + p[1] / ring.length],
				[0, 0]
			);
			const center: [number, number] = [Number(lng.toFixed(5)), Number(lat.toFixed(5))];
			const before = tiles.hits.length;
			await page.goto(
				`${baseUrl}/?z=${zoom}&c=${center.join(',')}&layers=stations&sel=grid:${grid.properties.id}`
			);
			const hooks = await waitForMap(page);
			expect(hooks.errors).toEqual([]);
			// 256-pixel tiles: one zoom level finer than the map
			expect(tiles.hits.slice(before).some((h) => h.startsWith(`/tiles/${zoom + 1}/`))).toBe(true);
			// the outline is projected through the camera the map reports once it is at rest: the
			// selection from the URL may still move it after the layers are ready (a fixed wait
			// flaked in CI)
			// the camera and the canvas must be the same before and after the screenshot: the
			// projection below is the map's own only if neither moved in between (in CI, once, the
			// whole drawing sat 7 px off the reported camera)
			const mapEl = page.getByTestId('map');
			const frame = async () => {
				const outer = (await mapEl.boundingBox())!;
				const canvas = (await page.locator('.maplibregl-canvas').boundingBox())!;
				return { camera: await settledCamera(page), outer, canvas };
			};
			let before0 = await frame();
			let shot = await mapEl.screenshot({ path: `${SHOTS}/basemap-gcj02.png` });
			for (let tries = 0; tries < 3; tries++) {
				const after = await frame();
				if (JSON.stringify(after) === JSON.stringify(before0)) break;
				before0 = after;
				shot = await mapEl.screenshot({ path: `${SHOTS}/basemap-gcj02.png` });
			}
			const { camera, outer, canvas } = before0;
			// the map draws its camera at the centre of its canvas, wherever that sits in the element
			const box = {
				width: 2 * (canvas.x - outer.x) + canvas.width,
				height: 2 * (canvas.y - outer.y) + canvas.height
			};
			expect((await pixelStats(page, shot, TILE_COLOUR)).near).toBeGreaterThan(0.3);

			// the map's own projection (web mercator, 512-px tiles) of a WGS84 or GCJ-02 point
			const scale = 512 * 2 ** camera.zoom;
			const mx = (p: number) => ((p + 180) / 360) * scale;
			const my = (p: number) =>
				((1 - Math.log(Math.tan(Math.PI / 4 + (p * Math.PI) / 360)) / Math.PI) / 2) * scale;
			const project = (p: Position): [number, number] => [
				mx(p[0]) - mx(camera.center[0]) + box.width / 2,
				my(p[1]) - my(camera.center[1]) + box.height / 2
			];
			const gcj = (p: Position) => gcoord.transform([p[0], p[1]], gcoord.WGS84, gcoord.GCJ02);
			// dense points along the outline as gcoord puts it, and as it would be unshifted
			const along = (toScreen: (p: Position) => [number, number]) =>
				ring.slice(1).flatMap((p, i) => {
					const a = toScreen(ring[i]);
					const b = toScreen(p);
					const n = Math.max(1, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / 3));
					return Array.from({ length: n }, (_, k) => [
						a[0] + ((b[0] - a[0]) * k) / n,
						a[1] + ((b[1] - a[1]) * k) / n
					]);
				});
			const shifted = along((p) => project(gcj(p)));
			const plain = along(project);
			// best offset of the drawn red outline from gcoord's, searched in half pixels
			const image = await rgba(page, shot);
			const red = (x: number, y: number) => {
				const [cx, cy] = [Math.round(x), Math.round(y)];
				if (cx < 0 || cy < 0 || cx >= image.width || cy >= image.height) return false;
				const i = (cy * image.width + cx) * 4;
				return image.data[i] > 180 && image.data[i + 1] < 90 && image.data[i + 2] < 90;
			};
			const onRed = (pts: number[][], dx: number, dy: number) =>
				pts.filter(([x, y]) => red(x + dx, y + dy)).length / pts.length;
			const offsets: { dx: number; dy: number; share: number }[] = [];
			for (let dx = -4; dx <= 4; dx += 0.5)
				for (let dy = -4; dy <= 4; dy += 0.5) offsets.push({ dx, dy, share: onRed(shifted, dx, dy) });
			// the line is 3.5 px wide, so a plateau of offsets fits: its centre is the best offset
			const top = Math.max(...offsets.map((o) => o.share));
			const plateau = offsets.filter((o) => o.share >= top - 0.02);
			const fit = {
				best: {
					dx: plateau.reduce((a, o) => a + o.dx, 0) / plateau.length,
					dy: plateau.reduce((a, o) => a + o.dy, 0) / plateau.length
				},
				atGcoord: onRed(shifted, 0, 0),
				unshifted: onRed(plain, 0, 0)
			};
			// GCJ-02 moves 遂昌 ~500 m east and ~330 m south: dozens of pixels at zoom 15
			const [sx, sy] = project(gcj(ring[0]));
			const [px, py] = project(ring[0]);
			expect(Math.hypot(sx - px, sy - py)).toBeGreaterThan(50);
			expect(fit.atGcoord, JSON.stringify({ fit, frame: before0 })).toBeGreaterThan(0.9);
			expect(fit.unshifted).toBeLessThan(0.2);
			// the drawn outline lies within a pixel of where gcoord puts it
			expect(Math.hypot(fit.best.dx, fit.best.dy)).toBeLessThanOrEqual(1);
			expect(errors).toEqual([]);
		} finally {
			await resetSetting(page);
			await page.context().close();
		}
	});
});
