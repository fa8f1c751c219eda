// report.png: "Export image" on the overview, click → PNG downloaded (snapshot of the map,
// legend, title, encoding); basemap.gcj02_shift: shifting every overview layer's data to
// GCJ-02 with gcoord (what a GCJ-02 basemap adds once, when the data arrive);
// basemap.setting_read: the per-user settings read every page load now makes.
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/lib/server/auth/demo.ts';
import { toGcj02 } from '../../src/lib/map/gcj02.ts';
import type { DemoScale } from '../../src/lib/types/domain.ts';
import { waitForMap } from '../chromium.ts';
import { timing, type BenchResult } from './result.ts';

const LAYERS = ['counties', 'townships', 'villages', 'grids', 'stations', 'posts', 'officers', 'incidents'];

async function signedIn(url: string): Promise<string> {
	const res = await fetch(`${url}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email: 'command@demo.local', password: DEMO_PASSWORD })
	});
	return (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
}

export async function benchReportPng(
	browser: Browser,
	url: string,
	scale: DemoScale,
	runs: number
): Promise<BenchResult> {
	const context = await browser.newContext({
		viewport: { width: 1920, height: 1080 },
		acceptDownloads: true
	});
	try {
		await context.request.post(`${url}/api/session`, {
			data: { email: 'command@demo.local', password: DEMO_PASSWORD }
		});
		const page = await context.newPage();
		await page.goto(url);
		await waitForMap(page, 120_000);
		const samples: number[] = [];
		for (let i = 0; i <= runs; i++) {
			const start = performance.now();
			const [download] = await Promise.all([
				page.waitForEvent('download'),
				page.getByTestId('report-png').click()
			]);
			await download.path();
			if (i > 0) samples.push(performance.now() - start); // the first warms fonts and icons
		}
		return timing('report.png', scale, samples, { note: 'click → PNG downloaded, 1920×1080 overview' });
	} finally {
		await context.close();
	}
}

export async function benchBasemap(url: string, scale: DemoScale, runs: number): Promise<BenchResult[]> {
	const cookie = await signedIn(url);
	const get = async (path: string) => (await fetch(`${url}${path}`, { headers: { cookie } })).json();
	const data = Object.fromEntries(
		await Promise.all(LAYERS.map(async (l) => [l, await get(`/api/layers/${l}`)]))
	);
	const shift: number[] = [];
	for (let i = 0; i < runs; i++) {
		// fresh objects each run: the shift is remembered per object
		const copy = structuredClone(data);
		const start = performance.now();
		toGcj02(copy);
		shift.push(performance.now() - start);
	}
	const read: number[] = [];
	for (let i = 0; i < Math.max(runs, 20); i++) {
		const start = performance.now();
		await get('/api/settings/basemap');
		read.push(performance.now() - start);
	}
	return [
		timing('basemap.gcj02_shift', scale, shift, {
			note: 'every overview layer to GCJ-02 with gcoord (Node)'
		}),
		timing('basemap.setting_read', scale, read, { note: 'GET /api/settings/basemap round trip' })
	];
}
