// map.pan_fps: frames a second the overview draws while the user drags the map, in headless
// Chromium (software WebGL), as the command room at zoom 11 in the middle of its jurisdiction:
// where a province's grids and villages are drawn from tiles. Each run drags 600 px east and back
// over about three seconds; the browser's animation frames are counted meanwhile (a slow frame
// delays the next, so the count is what the user sees). The value is the median of the runs. A
// drag that has not come back within DRAG_BUDGET_MS is released where it is: at under a frame a
// second each step waits for a frame, and three whole drags took a quarter of an hour.
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/lib/server/auth/demo.ts';
import type { DemoScale } from '../../src/lib/types/domain.ts';
import type { MapSummary } from '../../src/lib/types/layers.ts';
import { waitForMap } from '../chromium.ts';
import type { BenchResult } from './result.ts';
import { median } from './stats.ts';

const ZOOM = 11;
const STEPS = 90;
const STEP_MS = 16;
const DRAG_BUDGET_MS = 20_000;

export async function benchPanFps(
	browser: Browser,
	url: string,
	scale: DemoScale,
	runs: number,
	log: (line: string) => void
): Promise<BenchResult> {
	const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
	try {
		await context.request.post(`${url}/api/session`, {
			data: { email: 'command@demo.local', password: DEMO_PASSWORD }
		});
		const summary = (await (await context.request.get(`${url}/api/summary`)).json()) as MapSummary;
		const [w, s, e, n] = summary.bbox;
		const page = await context.newPage();
		// MapLibre fetches tiles from its worker: Playwright sees those requests, the page's own
		// resource timing does not
		let tiled = false;
		page.on('request', (r) => (tiled ||= r.url().includes('/api/tiles/')));
		await page.goto(`${url}/?z=${ZOOM}&c=${((w + e) / 2).toFixed(5)},${((s + n) / 2).toFixed(5)}`);
		await waitForMap(page, 180_000);
		// tiles and labels settle after the first ready frame
		await page.waitForTimeout(3000);
		const box = (await page.getByTestId('map').boundingBox())!;
		const [x0, y0] = [box.x + box.width / 2, box.y + box.height / 2];
		await page.evaluate('globalThis.__name ??= (f) => f');
		const samples: number[] = [];
		for (let i = 0; i < runs; i++) {
			await page.evaluate(() => {
				const w = window as unknown as { __pan: { frames: number; start: number; on: boolean } };
				w.__pan = { frames: 0, start: performance.now(), on: true };
				const frame = () => {
					if (!w.__pan.on) return;
					w.__pan.frames++;
					requestAnimationFrame(frame);
				};
				requestAnimationFrame(frame);
			});
			await page.mouse.move(x0, y0);
			await page.mouse.down();
			const started = Date.now();
			for (let k = 1; k <= STEPS && Date.now() - started < DRAG_BUDGET_MS; k++) {
				const dx = k <= STEPS / 2 ? k : STEPS - k;
				await page.mouse.move(x0 + (dx * 600) / (STEPS / 2), y0);
				await page.waitForTimeout(STEP_MS);
			}
			await page.mouse.up();
			const fps = await page.evaluate(() => {
				const w = window as unknown as { __pan: { frames: number; start: number; on: boolean } };
				w.__pan.on = false;
				return (w.__pan.frames * 1000) / (performance.now() - w.__pan.start);
			});
			samples.push(fps);
			await page.waitForTimeout(1000);
		}
		log(`map.pan_fps: ${samples.map((f) => f.toFixed(1)).join(', ')} fps (tiles: ${tiled})`);
		return {
			name: 'map.pan_fps',
			scale,
			value: Math.round(median(samples) * 10) / 10,
			unit: 'fps',
			runs,
			note: `dragging the overview at zoom ${ZOOM} (${tiled ? 'villages and grids from tiles' : 'GeoJSON layers'}), 1920×1080, Chromium with software WebGL; target ≥ 30 at province`
		};
	} finally {
		await context.close();
	}
}
