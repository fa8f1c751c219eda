// The command room live: an incident recorded in one browser appears on the command room's map
// and ticker in another within a second; a connection cut by the server is shown, comes back
// and catches up with every incident exactly once; another station's head receives none of
// it. Incidents written here carry E2E_MARK and are removed after the suite (server.setup.ts).
import gcoord from 'gcoord';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/lib/server/auth/demo.ts';
import {
	launchChromium,
	liveReport,
	mapReport,
	openWatched,
	waitForLiveReport,
	waitForMap,
	waitForMapReport,
	type WatchedPage
} from './browser.ts';
import { E2E_MARK } from './marks.ts';
import { soakHeap } from '../../scripts/bench/live.ts';

let browser: Browser;
let room: WatchedPage;
const baseUrl = inject('baseUrl');

const liveOf = async (page: Page) => (await liveReport(page))!;

async function openRoom(as: string, viewport = { width: 1920, height: 1080 }): Promise<WatchedPage> {
	const watched = await openWatched(browser, viewport, as);
	await watched.page.goto(`${baseUrl}/command`);
	await waitForMap(watched.page);
	await waitForLiveReport(watched.page, (r) => r.state === 'live');
	return watched;
}

async function apiAs(email: string): Promise<BrowserContext> {
	const context = await browser.newContext();
	const res = await context.request.post(`${baseUrl}/api/session`, {
		data: { email, password: DEMO_PASSWORD }
	});
	if (!res.ok()) throw new Error(`sign-in as ${email}: ${res.status()}`);
	return context;
}

/** A point inside the first grid of the head's station (妙高), from the station list. */
async function pointInStation(context: BrowserContext): Promise<[number, number]> {
	const res = await context.request.get(`${baseUrl}/api/layers/grids`);
	const grids = (await res.json()) as { features: { geometry: { coordinates: number[][][][] } }[] };
	const ring = grids.features[0].geometry.coordinates[0][0];
	// the mean of a convex-ish tessellation cell's vertices lies inside it
	const n = ring.length - 1;
	const lon = ring.slice(0, n).reduce((s, p) => s + p[0], 0) / n;
	const lat = ring.slice(0, n).reduce((s, p) => s + p[1], 0) / n;
	return [Number(lon.toFixed(6)), Number(lat.toFixed(6))];
}

async function record(context: BrowserContext, at: [number, number], summary: string): Promise<number> {
	const res = await context.request.post(`${baseUrl}/api/incidents`, {
		data: { category: 'public_order', priority: 2, summary: `${E2E_MARK}${summary}`, lon: at[0], lat: at[1] }
	});
	expect(res.status(), await res.text()).toBe(200);
	return ((await res.json()) as { id: number }).id;
}

beforeAll(async () => {
	browser = await launchChromium();
	room = await openRoom('command@demo.local');
}, 120_000);

afterAll(async () => {
	await browser?.close();
});

describe('command room', () => {
	it('draws the live map with figures, ticker, no external request and no error', async () => {
		const { page, requests, errors } = room;
		expect(await page.getByTestId('kpi-today').isVisible()).toBe(true);
		expect(await page.locator('[data-testid^="kpi-"][data-testid$="-flag"]').count()).toBeGreaterThan(0);
		expect(await page.getByTestId('ticker').locator('li').count()).toBeGreaterThan(0);
		expect(await page.getByTestId('live-state').getAttribute('data-state')).toBe('live');
		expect(
			requests.filter((u) => !u.startsWith(baseUrl) && !u.startsWith('blob:') && !u.startsWith('data:'))
		).toEqual([]);
		expect(errors).toEqual([]);
		await page.screenshot({ path: 'test-results/screenshots/command-1920.png' });
	});

	it("shows an officer's incident, typed in GCJ-02, on the room's map and ticker within a second", async () => {
		const officer = await openRoom('head@demo.local', { width: 1366, height: 768 });
		const here = await pointInStation(officer.page.context());
		// the same place as a vendor map (AMap) shows it: hundreds of metres off
		const gcj = gcoord.transform(here, gcoord.WGS84, gcoord.GCJ02) as [number, number];
		await officer.page.getByTestId('intake-open').click();
		await officer.page.getByTestId('intake-crs').selectOption('gcj02');
		await officer.page.getByTestId('intake-coordinates').fill(`${gcj[0]}, ${gcj[1]}`);
		await officer.page.getByTestId('intake-coordinates').press('Tab');
		const shown = (await officer.page.getByTestId('intake-location').innerText()).match(/([\d.]+), ([\d.]+)/);
		expect(Math.abs(Number(shown?.[1]) - here[0])).toBeLessThan(1e-5);
		expect(Math.abs(Number(shown?.[2]) - here[1])).toBeLessThan(1e-5);
		await officer.page.getByTestId('intake-category').selectOption('fraud');
		await officer.page.getByTestId('intake-summary').fill(`${E2E_MARK}冒充客服退款诈骗`);
		const before = (await liveOf(room.page)).applied;
		const clicked = Date.now();
		await officer.page.getByTestId('intake-submit').click();
		await waitForLiveReport(room.page, (r) => r.applied > before, 5000);
		const item = room.page.getByTestId('ticker').locator('li').filter({ hasText: '冒充客服退款诈骗' });
		await item.waitFor();
		const id = Number(await item.getAttribute('data-incident'));
		await waitForLiveReport(room.page, (r) => r.shown[id] > 0);
		const latency = (await liveOf(room.page)).shown[id] - clicked;
		console.log(`live latency (click → painted in the other browser): ${latency} ms`);
		expect(latency).toBeLessThan(1500);
		expect(officer.errors).toEqual([]);
		await officer.page.context().close();
	});

	it('shows a cut connection, reconnects and catches up with every incident exactly once', async () => {
		const head = await apiAs('head@demo.local');
		const here = await pointInStation(head);
		const drop = await room.page.context().request.delete(`${baseUrl}/api/live`);
		expect(((await drop.json()) as { closed: number }).closed).toBeGreaterThan(0);
		// written while the room is away (its reconnect waits at least half a second)
		const ids: number[] = [];
		for (let i = 0; i < 3; i++) ids.push(await record(head, here, `断线期间警情${i}`));
		await waitForLiveReport(room.page, (r) => ids.every((i) => r.shown[i] > 0), 15_000);
		const live = await liveOf(room.page);
		expect(live.states).toContain('reconnecting');
		expect(live.state).toBe('live');
		for (const id of ids)
			expect(await room.page.locator(`[data-testid="ticker"] li[data-incident="${id}"]`).count()).toBe(1);
		// one more after the reconnect, and still each once
		const after = await record(head, here, '重连后警情');
		await waitForLiveReport(room.page, (r) => r.shown[after] > 0);
		for (const id of [...ids, after])
			expect(await room.page.locator(`[data-testid="ticker"] li[data-incident="${id}"]`).count()).toBe(1);
		await head.close();
	});

	it("recolours a grid on another user's overview when a station head assigns it", async () => {
		const watcher = await openWatched(browser, { width: 1366, height: 768 }, 'command@demo.local');
		await watcher.page.goto(baseUrl);
		await waitForMap(watcher.page);
		const head = await apiAs('head@demo.local');
		const grids = (await (await head.request.get(`${baseUrl}/api/layers/grids`)).json()) as {
			features: { properties: { id: number; officer_id: number | null } }[];
		};
		const open = grids.features.find((f) => f.properties.officer_id === null);
		expect(open, 'the demo leaves the head unassigned grids').toBeTruthy();
		const staff = (await (await head.request.get(`${baseUrl}/api/officers/workload`)).json()) as {
			id: number;
			kind: string;
		}[];
		const officer = staff.find((o) => o.kind === 'police')!;
		const before = (await mapReport(watcher.page))!.gridVersion;
		const assign = await head.request.post(`${baseUrl}/api/grids/${open!.properties.id}/assignment`, {
			data: { officer_id: officer.id, role: 'primary', expected_officer_id: null }
		});
		expect(assign.status(), await assign.text()).toBe(200);
		try {
			// the other browser repaints its grid colours without a reload
			await waitForMapReport(watcher.page, (r) => r.gridVersion > before, 10_000);
			expect(await watcher.page.getByTestId('live-state').getAttribute('data-state')).toBe('live');
		} finally {
			const undo = await head.request.delete(`${baseUrl}/api/grids/${open!.properties.id}/assignment`, {
				data: { officer_id: officer.id, role: 'primary' }
			});
			expect(undo.status()).toBe(200);
			await head.close();
			await watcher.page.context().close();
		}
		expect(watcher.errors).toEqual([]);
	});

	it('keeps the heap flat over an hour of stream at 10 events a second (compressed)', async () => {
		const growth = await soakHeap(room.page, 1000, (line) => console.log(line));
		console.log(`heap growth over 36,000 events: ${growth.toFixed(1)} %`);
		expect(growth).toBeLessThan(20);
		// the page still works: live, and the ticker bounded
		expect((await liveOf(room.page)).state).toBe('live');
		expect(await room.page.getByTestId('ticker').locator('li').count()).toBeLessThanOrEqual(40);
	}, 180_000);

	it("sends another station's head none of this station's events", async () => {
		const other = await openRoom('head2@demo.local', { width: 1366, height: 768 });
		const head = await apiAs('head@demo.local');
		const id = await record(head, await pointInStation(head), '仅本所可见');
		await waitForLiveReport(room.page, (r) => r.shown[id] > 0);
		// the command room has it; give the other station's stream the same time and more
		await other.page.waitForTimeout(1500);
		const live = await liveOf(other.page);
		expect(live.shown[id]).toBeUndefined();
		expect(await other.page.locator(`[data-testid="ticker"] li[data-incident="${id}"]`).count()).toBe(0);
		await head.close();
		await other.page.context().close();
	});
});
