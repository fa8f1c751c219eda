// live.latency: an incident written through the API until the command room in Chromium painted
// it (page clock against ours: same machine). live.max_events_per_s: the highest event rate the
// room renders while holding 30 frames a second. live.heap_growth: an hour of a 10 events/s
// stream (compressed in time) against the JS heap after garbage collection.
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/lib/server/auth/demo.ts';
import type { DemoScale } from '../../src/lib/types/domain.ts';
import type { GridCollection } from '../../src/lib/types/layers.ts';
import { LIVE_INJECT_EVENT } from '../../src/lib/features/live/live-inject.ts';
import { waitForLiveReport, waitForMap } from '../chromium.ts';
import { ApiSession } from '../simulate/api-session.ts';
import { timing, type BenchResult } from './result.ts';

/** Incidents the bench writes carry this mark, so the harness can remove them afterwards. */
export const BENCH_MARK = '[bench] ';

export async function openCommandRoom(browser: Browser, url: string): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
	await context.request.post(`${url}/api/session`, {
		data: { email: 'command@demo.local', password: DEMO_PASSWORD }
	});
	const page = await context.newPage();
	await page.goto(`${url}/command`);
	await waitForMap(page, 180_000);
	await waitForLiveReport(page, (r) => r.state === 'live');
	return page;
}

/** A point inside one of the account's grids: the mean of its first ring's vertices. */
async function pointIn(session: ApiSession): Promise<[number, number]> {
	const grids = await session.request<GridCollection>('GET', '/api/layers/grids');
	const ring = grids.features[0].geometry.coordinates[0][0].slice(0, -1);
	return [
		Number((ring.reduce((s, p) => s + p[0], 0) / ring.length).toFixed(6)),
		Number((ring.reduce((s, p) => s + p[1], 0) / ring.length).toFixed(6))
	];
}

async function latency(page: Page, url: string, samples: number): Promise<number[]> {
	const head = await ApiSession.signIn(url, 'head@demo.local');
	const at = await pointIn(head);
	const out: number[] = [];
	for (let i = 0; i < samples; i++) {
		const t0 = Date.now();
		const { id } = await head.request<{ id: number }>('POST', '/api/incidents', {
			category: 'traffic',
			priority: 2,
			summary: `${BENCH_MARK}latency ${i}`,
			lon: at[0],
			lat: at[1]
		});
		const report = await waitForLiveReport(page, (r) => r.shown[id] > 0, 10_000);
		out.push(report.shown[id] - t0);
		await page.waitForTimeout(200);
	}
	return out;
}

/**
 * Streams synthetic changes into the page at `rate` events a second for `seconds`, generated in
 * the page (so the protocol between us and the browser is not what is measured), through the
 * same apply path the live channel uses; returns the frames per second the page kept. The mix
 * is the simulator's: mostly officers moving, some new incidents, some status changes.
 */
export async function streamInPage(
	page: Page,
	rate: number,
	seconds: number,
	firstId: number
): Promise<number> {
	// tsx compiles the function below with esbuild's keepNames, which calls a __name helper the
	// page does not have
	await page.evaluate('globalThis.__name ??= (f) => f');
	return page.evaluate(
		({ rate, seconds, firstId, event }) =>
			new Promise<number>((resolve) => {
				// the live page takes changes dispatched on its status element (live-inject.ts)
				const room = document.querySelector('[data-live-state]')!;
				let nextId = firstId;
				let changeId = firstId;
				const created: number[] = [];
				const centre: [number, number] = [119.27, 28.59];
				const batchMs = 100;
				const perBatch = Math.max(1, Math.round((rate * batchMs) / 1000));
				let frames = 0;
				let done = false;
				const count = () => {
					frames++;
					if (!done) requestAnimationFrame(count);
				};
				requestAnimationFrame(count);
				const started = performance.now();
				const timer = setInterval(() => {
					const now = new Date().toISOString();
					const changes: unknown[] = [];
					for (let k = 0; k < perBatch; k++) {
						const r = Math.random();
						const position = [
							centre[0] + (Math.random() - 0.5) * 0.4,
							centre[1] + (Math.random() - 0.5) * 0.3
						];
						if (r < 0.1 || created.length === 0) {
							const id = nextId++;
							created.push(id);
							if (created.length > 500) created.shift();
							changes.push({
								id: changeId++,
								at: now,
								op: 'insert',
								entity_id: id,
								kind: 'incident',
								data: {
									id,
									code: `SIM${id}`,
									category: 'traffic',
									status: 'new',
									priority: 2,
									summary: '模拟警情',
									time: Math.floor(Date.now() / 1000),
									position,
									grid_id: 1,
									village_id: 1,
									station_id: 1,
									mediation_status: null
								}
							});
						} else if (r < 0.2) {
							const id = created[Math.floor(Math.random() * created.length)];
							changes.push({
								id: changeId++,
								at: now,
								op: 'update',
								entity_id: id,
								kind: 'incident',
								data: {
									id,
									code: `SIM${id}`,
									category: 'traffic',
									status: 'dispatched',
									priority: 2,
									summary: '模拟警情',
									time: Math.floor(Date.now() / 1000),
									position,
									grid_id: 1,
									village_id: 1,
									station_id: 1,
									mediation_status: null
								}
							});
						} else {
							const officer = 1 + Math.floor(Math.random() * 900);
							changes.push({
								id: changeId++,
								at: now,
								op: 'update',
								entity_id: officer,
								kind: 'officer',
								data: {
									id: officer,
									name: '',
									kind: 'police',
									station_id: 1,
									status: 'active',
									position,
									at: now
								}
							});
						}
					}
					room.dispatchEvent(new CustomEvent(event, { detail: changes }));
					if (performance.now() - started >= seconds * 1000) {
						clearInterval(timer);
						done = true;
						resolve((frames * 1000) / (performance.now() - started));
					}
				}, batchMs);
			}),
		{ rate, seconds, firstId, event: LIVE_INJECT_EVENT }
	);
}

async function heapUsed(page: Page): Promise<number> {
	const cdp = await page.context().newCDPSession(page);
	try {
		await cdp.send('HeapProfiler.collectGarbage');
		const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
		return usedSize;
	} finally {
		await cdp.detach();
	}
}

/**
 * One hour at 10 events a second (36,000 events), compressed to `rate` events a second:
 * percent growth of the heap after garbage collection, against the heap after a warm-up.
 */
export async function soakHeap(
	page: Page,
	rate = 400,
	log: (line: string) => void = () => {}
): Promise<number> {
	// warm up: the first minutes fill caches, pools and the ticker
	await streamInPage(page, rate, 3600 / rate, 2_000_000_000);
	await page.waitForTimeout(5000);
	const before = await heapUsed(page);
	await streamInPage(page, rate, 36_000 / rate, 2_100_000_000);
	await page.waitForTimeout(5000);
	const after = await heapUsed(page);
	log(`heap ${Math.round(before / 1e6)} MB → ${Math.round(after / 1e6)} MB`);
	return ((after - before) / before) * 100;
}

export async function benchLive(
	browser: Browser,
	url: string,
	scale: DemoScale,
	runs: number,
	log: (line: string) => void
): Promise<BenchResult[]> {
	const page = await openCommandRoom(browser, url);
	try {
		log('live.latency …');
		const samples = await latency(page, url, Math.max(20, runs * 4));
		log('live.max_events_per_s …');
		let held = 0;
		let firstId = 1_000_000_000;
		for (const rate of [25, 50, 100, 200, 400, 800]) {
			const fps = await streamInPage(page, rate, 5, firstId);
			firstId += rate * 10;
			log(`  ${rate} events/s → ${fps.toFixed(1)} fps`);
			if (fps < 30) break;
			held = rate;
			await page.waitForTimeout(1500);
		}
		log('live.heap_growth …');
		const growth = await soakHeap(page, 400, log);
		return [
			timing('live.latency', scale, samples, {
				note: 'API write → painted in the command room (Chromium); target p95 ≤ 1000 ms at county'
			}),
			{
				name: 'live.max_events_per_s',
				scale,
				value: held,
				unit: 'events/s',
				note: 'highest tested rate (25…800) rendered at ≥ 30 fps; target ≥ 50 at city'
			},
			{
				name: 'live.heap_growth',
				scale,
				value: Math.round(growth * 10) / 10,
				unit: 'percent',
				note: '36,000 events (an hour at 10/s, compressed), heap after GC; target < 20'
			}
		];
	} finally {
		await page.context().close();
	}
}
