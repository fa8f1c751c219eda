// A page that records every request and console error, so tests can assert on both, signed in
// as one of the demo accounts (or anonymous).
import type { Browser, Page } from 'playwright-core';
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
	as: string | null = 'command@demo.local'
): Promise<WatchedPage> {
	const context = await browser.newContext({ viewport, locale: 'zh-CN' });
	if (as) {
		// the API shares the context's cookie jar, so the page starts signed in
		const baseUrl = inject('baseUrl');
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
