// A page that records every request and console error, so tests can assert on both, signed in
// as one of the demo accounts (or anonymous).
import { request, type APIRequestContext, type Browser, type Page } from 'playwright-core';
import type { GridCollection } from '../../src/lib/types/layers.ts';
import { inject } from 'vitest';
import { DEMO_PASSWORD } from '../../src/lib/server/auth/demo.ts';
import { mapReport as readMapReport } from '../../scripts/chromium.ts';

export {
	launchChromium,
	liveReport,
	mapReport,
	waitForLiveReport,
	waitForMap,
	waitForMapReport,
	type LiveReport,
	type MapReport
} from '../../scripts/chromium.ts';

export interface WatchedPage {
	page: Page;
	requests: string[];
	errors: string[];
}

export async function openWatched(
	browser: Browser,
	viewport = { width: 1920, height: 1080 },
	as: string | null = 'command@demo.local',
	/** the app signed in to: the suite's server unless a test serves its own */
	baseUrl = inject('baseUrl')
): Promise<WatchedPage> {
	const context = await browser.newContext({ viewport, locale: 'zh-CN' });
	if (as) {
		// the API shares the context's cookie jar, so the page starts signed in
		const res = await context.request.post(`${baseUrl}/api/session`, {
			data: { email: as, password: DEMO_PASSWORD }
		});
		if (!res.ok()) throw new Error(`sign-in as ${as} failed: ${res.status()}`);
	}
	const page = await context.newPage();
	const requests: string[] = [];
	const errors: string[] = [];
	page.on('request', (r) => requests.push(r.url()));
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	page.on('pageerror', (e) => errors.push(e.message));
	return { page, requests, errors };
}

export type Camera = { center: [number, number]; zoom: number };

/**
 * The camera once the map has stopped moving (a fit or an ease can run after the layers are
 * ready; a click during it starts a drag instead of a pick).
 */
export async function settledCamera(page: Page, quietMs = 600): Promise<Camera> {
	let last = '';
	for (let i = 0; i < 40; i++) {
		const report = await readMapReport(page);
		const view = report?.view;
		const now = JSON.stringify(view ?? null);
		if (view && !report?.moving && now === last) return view;
		last = now;
		await page.waitForTimeout(quietMs);
	}
	throw new Error('the map camera did not come to rest within the wait');
}

/** lon/lat → page pixels through the map's current camera (web mercator, 512-px tiles) */
export async function projector(page: Page): Promise<(p: [number, number]) => [number, number]> {
	const view = (await readMapReport(page))?.view;
	if (!view) throw new Error('the map reports no camera');
	const box = (await page.getByTestId('map').boundingBox())!;
	const scale = 512 * 2 ** view.zoom;
	const mx = (x: number) => ((x + 180) / 360) * scale;
	const my = (y: number) =>
		((1 - Math.log(Math.tan(Math.PI / 4 + (y * Math.PI) / 360)) / Math.PI) / 2) * scale;
	return (p) => [
		box.x + box.width / 2 + mx(p[0]) - mx(view.center[0]),
		box.y + box.height / 2 + my(p[1]) - my(view.center[1])
	];
}

/** An API session of a demo account, apart from any page (a head's changes seen by another). */
export async function signedInApi(baseUrl: string, email: string): Promise<APIRequestContext> {
	const api = await request.newContext();
	const res = await api.post(`${baseUrl}/api/session`, { data: { email, password: DEMO_PASSWORD } });
	if (!res.ok()) throw new Error(`sign-in as ${email} failed: ${res.status()}`);
	return api;
}

/** The largest grid (by its box) with a responsible officer: easy to hit in the middle of a view. */
export function largestAssignedGrid(grids: GridCollection): GridCollection['features'][number] {
	const size = (f: GridCollection['features'][number]) => {
		const ring = f.geometry.coordinates[0][0];
		const xs = ring.map((p) => p[0]);
		const ys = ring.map((p) => p[1]);
		return (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys));
	};
	const assigned = grids.features.filter((f) => f.properties.officer_id !== null);
	if (assigned.length === 0) throw new Error('no grid has an officer');
	return assigned.sort((a, b) => size(b) - size(a))[0];
}
