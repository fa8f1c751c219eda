// The campaign's doors day by day (逐日回放) and 走访后发案变化 on its map, in Chromium: the
// replay's last day holds the figures the page shows; its first day is mostly unvisited, and the
// map says so in colour; the keyboard steps a day; play moves on and pause holds. The impact fill
// hatches the grids whose change is unclear. The command room replays the campaign it follows
// over its own map, and Escape closes it. No request leaves the origin.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CampaignListItem, CampaignProgress } from '../../src/lib/features/campaigns/campaign-types.ts';
import { launchChromium, openWatched } from './browser.ts';
import { rgba } from './pixels.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(async () => {
	await browser?.close();
});

/** Shares of the map's pixels that are red-ish (0% visited), green-ish (100%) and near-black (hatching). */
async function colourShares(page: Page, map: Locator) {
	const { data } = await rgba(page, await map.screenshot());
	let red = 0;
	let green = 0;
	let dark = 0;
	const n = data.length / 4;
	for (let i = 0; i < data.length; i += 4) {
		const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
		if (r > 180 && g < 130 && b < 120) red++;
		if (g > r + 30 && g > b + 30) green++;
		if (r < 130 && g < 130 && b < 130) dark++;
	}
	return { red: red / n, green: green / n, dark: dark / n };
}

/** The doors in each state on the day the replay shows. */
async function counts(replay: Locator): Promise<Record<string, number>> {
	const spans = replay.locator('[data-state]');
	const out: Record<string, number> = {};
	for (const s of await spans.all())
		out[(await s.getAttribute('data-state'))!] = Number(await s.getAttribute('data-count'));
	return out;
}

async function demoCampaign(page: Page) {
	const api = page.context().request;
	const list = (await (await api.get(`${baseUrl}/api/campaigns`)).json()) as CampaignListItem[];
	const demo = list.sort((a, b) => b.households - a.households)[0];
	const progress = (await (await api.get(`${baseUrl}/api/campaigns/${demo.id}`)).json()) as CampaignProgress;
	return { demo, progress };
}

const settle = (page: Page) => page.waitForTimeout(1200);

describe('campaign replay and impact map', () => {
	it('replays the doors day by day on the campaign page, in step with its figures', async () => {
		const { page, errors, requests } = await openWatched(browser, { width: 1366, height: 900 });
		const { demo, progress } = await demoCampaign(page);
		await page.goto(`${baseUrl}/campaigns/${demo.id}`);
		const map = page.getByTestId('map');
		await page.getByTestId('fill-replay').click();
		const replay = page.getByTestId('replay');
		await page.getByTestId('replay-date').waitFor({ timeout: 60_000 });

		// the last day: the page's own figures
		const last = await counts(replay);
		expect(last.visited).toBe(progress.totals.visited);
		expect(last.nobody_home).toBe(progress.totals.nobody_home);
		expect(last.refused).toBe(progress.totals.refused);
		expect(last.none + last.visited + last.nobody_home + last.refused).toBe(progress.totals.households);
		await settle(page);
		const atEnd = await colourShares(page, map);

		// Home: the first day, the campaign's start, few doors visited and the grids red
		const slider = page.getByTestId('replay-day');
		await slider.focus();
		await page.keyboard.press('Home');
		expect(await page.getByTestId('replay-date').textContent()).toBe(progress.campaign.starts_on);
		const first = await counts(replay);
		expect(first.visited).toBeLessThan(last.visited / 10);
		await settle(page);
		const atStart = await colourShares(page, map);
		expect(atStart.red).toBeGreaterThan(atEnd.red * 2);
		expect(atEnd.green).toBeGreaterThan(atStart.green * 2);

		// a day with the arrow key
		await page.keyboard.press('ArrowRight');
		const next = new Date(`${progress.campaign.starts_on}T00:00:00Z`);
		next.setUTCDate(next.getUTCDate() + 1);
		expect(await page.getByTestId('replay-date').textContent()).toBe(next.toISOString().slice(0, 10));

		// play moves on at the chosen speed, pause holds the day
		await page.getByTestId('replay-speed').selectOption('10');
		await page.getByTestId('replay-play').click();
		expect(await replay.getAttribute('data-playing')).toBe('true');
		await page.waitForTimeout(1500);
		await page.getByTestId('replay-play').click();
		expect(await replay.getAttribute('data-playing')).toBe('false');
		const paused = Number(await slider.inputValue());
		expect(paused).toBeGreaterThanOrEqual(5);
		await page.waitForTimeout(800);
		expect(Number(await slider.inputValue())).toBe(paused);

		expect(requests.filter((u) => !u.startsWith(baseUrl) && !/^(data|blob):/.test(u))).toEqual([]);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('fills the grids by their change against the comparison grids and hatches the unclear ones', async () => {
		const { page, errors } = await openWatched(browser, { width: 1366, height: 900 });
		const { demo } = await demoCampaign(page);
		const impact = (await (
			await page.context().request.get(`${baseUrl}/api/campaigns/${demo.id}/impact`)
		).json()) as {
			rows: {
				level: string;
				category: string;
				grids: number;
				rr: number | null;
				lo: number | null;
				hi: number | null;
			}[];
		};
		const stations = impact.rows.filter((r) => r.level === 'station' && r.category === 'all');
		const unclear = stations.filter((r) => r.rr !== null && r.lo! <= 1 && r.hi! >= 1);
		await page.goto(`${baseUrl}/campaigns/${demo.id}`);
		const map = page.getByTestId('map');
		await page.getByTestId('fill-all').waitFor();
		await page.getByTestId('campaign-impact').locator('tbody tr').first().waitFor({ timeout: 60_000 });
		await settle(page);
		// the map fills its row down to the figures' bottom: no blank band under it
		const [mapBox, figuresBox] = [await map.boundingBox(), await page.locator('aside.figures').boundingBox()];
		expect(Math.abs(mapBox!.y + mapBox!.height - (figuresBox!.y + figuresBox!.height))).toBeLessThan(2);
		const visits = await colourShares(page, map);

		await page.getByTestId('fill-impact').click();
		await page.getByTestId('impact-level').selectOption('station');
		await settle(page);
		const legend = await page.getByTestId('fill-legend').innerText();
		expect(legend).toContain('无明显变化');
		expect(legend).toContain('案件太少');
		const hatched = await colourShares(page, map);
		// The demo changes fraud only (−30%), so most stations' all-incident change is unclear; which
		// ones depends on the hour the demo is anchored to (the biggest station is near the edge).
		// The unclear stations' grids are hatched in dark lines the visit fill does not have: with all
		// 160 grids hatched the dark share rises by ~0.018 at this size, so by at least 0.008 per share.
		expect(unclear.length).toBeGreaterThan(0);
		const gridsOf = (rows: { grids: number }[]) => rows.reduce((n, r) => n + r.grids, 0);
		const unclearShare = gridsOf(unclear) / gridsOf(stations);
		expect(unclearShare).toBeGreaterThan(0);
		expect(hatched.dark - visits.dark).toBeGreaterThan(0.008 * unclearShare);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('replays the campaign the command room follows over its map, and Escape closes it', async () => {
		const { page, errors, requests } = await openWatched(browser, { width: 1920, height: 1080 });
		const { progress } = await demoCampaign(page);
		await page.goto(`${baseUrl}/command`);
		await page.getByTestId('wall-replay').click({ timeout: 60_000 });
		const replay = page.getByTestId('replay');
		await page.getByTestId('replay-date').waitFor({ timeout: 60_000 });
		expect((await counts(replay)).visited).toBe(progress.totals.visited);
		expect(await page.getByTestId('wall-replay').getAttribute('aria-pressed')).toBe('true');
		await page.keyboard.press('Escape');
		await replay.waitFor({ state: 'detached' });
		expect(await page.getByTestId('wall-replay').getAttribute('aria-pressed')).toBe('false');
		expect(requests.filter((u) => !u.startsWith(baseUrl) && !/^(data|blob):/.test(u))).toEqual([]);
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
