// Watching a campaign without a browser: the load's parts arrive, a failure is reported, recorded
// visits to this campaign (and only these) refresh it once per burst, a knock list is spawned,
// a grid's tooltip reads its visitedShare or, on the impact fill, its village's ratio; the replay's
// changes are fetched once, when the replay is first chosen.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CampaignGrids } from '../../src/lib/features/campaigns/campaign-api.ts';
import type { CampaignImpact, ImpactRow } from '../../src/lib/features/campaigns/campaign-impact.ts';
import type { ReplayColumns } from '../../src/lib/features/campaigns/campaign-replay.ts';
import type {
	CampaignIncident,
	CampaignProgress,
	VisitedShareColumns
} from '../../src/lib/features/campaigns/campaign-types.ts';
import type { ChangeEvent } from '../../src/lib/types/live.ts';
import {
	CampaignPage,
	type CampaignApi
} from '../../src/routes/(app)/campaigns/[id]/campaign-page.svelte.ts';

const progress = (visited: number) =>
	({
		campaign: { id: 5, name: '冬季敲门', starts_on: '2026-11-01', ends_on: '2026-11-03', target_share: 0.8 },
		totals: { households: 10, visited },
		blocks: [{ id: 7, name: '第1区块' }],
		teams: [{ id: 3, name: '一组' }],
		days: [{ day: '2026-11-02', visits: 4, newly_visited: 4 }]
	}) as unknown as CampaignProgress;

const visitedShare: VisitedShareColumns = {
	at: '2026-11-02T08:00:00Z',
	grid_id: [40, 41],
	households: [8, 2],
	visited: [6, 0],
	vulnerable: [2, 1],
	vulnerable_visited: [1, 0],
	days_since: [3, null]
};

const incident: CampaignIncident = {
	id: 90,
	code: 'JQ-90',
	category: 'dispute',
	mediation_status: 'unresolved',
	occurred_at: '2026-11-02T01:00:00Z',
	knock_lists: 0
};

const impactRow = (
	level: ImpactRow['level'],
	id: number,
	rr: number | null,
	lo: number | null,
	hi: number | null
) =>
	({
		level,
		id,
		category: 'all',
		grids: 2,
		before: 40,
		after: 30,
		comparison_before: 200,
		comparison_after: 210,
		rr,
		lo,
		hi
	}) as ImpactRow;
const impact: CampaignImpact = {
	campaign_id: 5,
	weeks: 8,
	min_count: 10,
	rows: [
		impactRow('village', 300, 0.7, 0.55, 0.9),
		impactRow('grid', 40, 0.8, 0.4, 1.6),
		impactRow('grid', 41, null, null, null)
	]
};
const replay: ReplayColumns = {
	campaign_id: 5,
	starts_on: '2026-11-01',
	last_day: '2026-11-02',
	household: { id: [1, 2], lon: [119.1, 119.2], lat: [28.5, 28.6], grid: [40, 41] },
	change: { household: [1, 2], day: [0, 1], state: ['nobody_home', 'visited'] }
};

function fakeApi() {
	const calls = { progress: 0, visitedShare: 0, incidents: 0, replay: 0, spawned: [] as [number, string][] };
	let visited = 4;
	const api: CampaignApi = {
		progress: async () => (calls.progress++, progress(visited)),
		visitedShare: async () => (calls.visitedShare++, visitedShare),
		incidents: async () => (calls.incidents++, [{ ...incident, knock_lists: calls.spawned.length }]),
		impact: async () => impact,
		replay: async () => (calls.replay++, replay),
		spawnKnockList: async (id, due) => (calls.spawned.push([id, due]), { households: 12 })
	};
	return { api, calls, visit: () => visited++ };
}

const visit = (campaignId: number): ChangeEvent => ({
	id: 1,
	at: '2026-11-02T08:00:00Z',
	op: 'insert',
	entity_id: 1,
	kind: 'visit',
	data: { campaign_id: campaignId, grid_id: 40, household_id: 1, block_id: 7, outcome: 'visited' }
});

describe('the campaign page', () => {
	beforeEach(() => {
		vi.useFakeTimers();
		vi.setSystemTime(new Date('2026-11-02T04:00:00Z'));
	});
	afterEach(() => vi.useRealTimers());

	it("shows the load's parts, and the chart runs to today", async () => {
		const { api } = fakeApi();
		const page = new CampaignPage(5, api);
		page.open({
			progress: Promise.resolve(progress(4)),
			grids: Promise.resolve({ type: 'FeatureCollection', features: [] } as unknown as CampaignGrids),
			visitedShare: Promise.resolve(visitedShare)
		});
		await vi.runAllTimersAsync();
		expect(page.totals?.visited).toBe(4);
		expect(page.target).toBe(0.8);
		expect(page.teamName.get(3)).toBe('一组');
		expect(page.incidents.map((i) => i.code)).toEqual(['JQ-90']);
		expect(page.series.map((d) => [d.day, d.visits, d.share])).toEqual([
			['2026-11-01', 0, 0],
			['2026-11-02', 4, 0.4]
		]);
		expect(page.failure).toBeNull();
	});

	it('reports a part that fails, on the page and to the map', async () => {
		const { api } = fakeApi();
		const reported: string[] = [];
		const page = new CampaignPage(5, api, (m) => reported.push(m));
		page.open({
			progress: Promise.reject(new Error('gone')),
			grids: new Promise(() => {}),
			visitedShare: Promise.resolve(visitedShare)
		});
		await vi.runAllTimersAsync();
		expect(page.failure).toBe('gone');
		expect(reported).toEqual(['gone']);
	});

	it('refreshes once for a burst of visits to this campaign, not for others', async () => {
		const { api, calls, visit: record } = fakeApi();
		const page = new CampaignPage(5, api);
		page.follow([visit(6)]);
		await vi.advanceTimersByTimeAsync(2000);
		expect(calls.progress).toBe(0);

		record();
		page.follow([visit(5)]);
		await vi.advanceTimersByTimeAsync(500);
		page.follow([visit(5), visit(5)]);
		await vi.advanceTimersByTimeAsync(999);
		expect(calls.progress).toBe(0);
		await vi.advanceTimersByTimeAsync(1);
		expect([calls.progress, calls.visitedShare, calls.incidents]).toEqual([1, 1, 1]);
		expect(page.totals?.visited).toBe(5);
		expect(page.visitedShare).toBe(visitedShare);

		// a page torn down before the burst settles asks nothing more
		page.follow([visit(5)]);
		page.dispose();
		await vi.advanceTimersByTimeAsync(2000);
		expect(calls.progress).toBe(1);
	});

	it('spawns a knock list due in a week and shows the incident with it', async () => {
		const { api, calls } = fakeApi();
		const page = new CampaignPage(5, api);
		await page.spawn(incident);
		expect(calls.spawned).toEqual([[90, '2026-11-09']]);
		expect(page.knockNotice).toBe('已生成回访清单：12 户，2026-11-09 前完成');
		expect(page.incidents[0].knock_lists).toBe(1);

		api.spawnKnockList = async () => {
			throw new Error('no officer');
		};
		await page.spawn(incident);
		expect(page.knockNotice).toBe('no officer');
	});

	it("reads a grid's visitedShare for its tooltip; a grid without visitedShare has none", () => {
		const page = new CampaignPage(5, fakeApi().api);
		page.progress = progress(4);
		expect(page.gridTooltip({ id: 40, name: 'G40', block_id: 7 })).toBeNull();
		page.visitedShare = visitedShare;
		const tip = page.gridTooltip({ id: 40, name: 'G40', block_id: 7 });
		expect(tip?.title).toBe('第1区块 · G40');
		expect(tip?.lines).toEqual(['已走访 6/8 (75%)', expect.stringContaining('1/2'), '3 天前']);
		expect(page.gridTooltip({ id: 41, name: 'G41', block_id: 7 })?.lines[2]).toBe('未走访');
		expect(page.gridTooltip({ id: 99, name: 'G99', block_id: 7 })).toBeNull();
	});

	it("says on the impact fill what a grid's village (or the grid itself) shows, and who was not reached", async () => {
		const { api } = fakeApi();
		const page = new CampaignPage(5, api);
		page.open({
			progress: Promise.resolve(progress(4)),
			grids: Promise.resolve({
				type: 'FeatureCollection',
				features: [40, 41, 42].map((id) => ({
					type: 'Feature',
					properties: { id, name: `G${id}`, block_id: 7, village_id: id === 42 ? 301 : 300, station_id: 1 },
					geometry: { type: 'Polygon', coordinates: [] }
				}))
			} as unknown as CampaignGrids),
			visitedShare: Promise.resolve(visitedShare)
		});
		await vi.runAllTimersAsync();
		page.setMode('impact');
		expect([...page.gridImpact.keys()]).toEqual([40, 41]);
		const tip = page.gridTooltip({ id: 40, name: 'G40', block_id: 7 })!;
		expect(tip.lines).toEqual([
			'村（社区） · 全部警情',
			'少 30%（区间 10%–45%）',
			'走访前 40 · 走访后 30 · 对照 200 → 210'
		]);
		expect(page.gridTooltip({ id: 42, name: 'G42', block_id: 7 })!.lines).toEqual(['未走访满两周，不计算']);
		page.impactLevel = 'grid';
		expect(page.gridTooltip({ id: 40, name: 'G40', block_id: 7 })!.lines[1]).toBe('无明显变化');
		expect(page.gridTooltip({ id: 41, name: 'G41', block_id: 7 })!.lines[1]).toBe('案件太少，暂不下结论');
	});

	it('fetches the replay once, when it is first chosen, and opens on its last day', async () => {
		const { api, calls } = fakeApi();
		const page = new CampaignPage(5, api);
		page.setMode('days');
		expect(calls.replay).toBe(0);
		page.setMode('replay');
		page.setMode('all');
		page.setMode('replay');
		await vi.runAllTimersAsync();
		expect(calls.replay).toBe(1);
		expect(page.player.date).toBe('2026-11-02');
		expect(page.player.counts).toEqual([0, 1, 1, 0]);
	});

	it('plays at the chosen speed to the last day and stops there; pause holds the day', async () => {
		// frames every 16 ms of the fake clock (node has no requestAnimationFrame)
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
		vi.stubGlobal('requestAnimationFrame', (f: (t: number) => void) =>
			setTimeout(() => f(performance.now()), 16)
		);
		vi.stubGlobal('cancelAnimationFrame', (id: ReturnType<typeof setTimeout>) => clearTimeout(id));
		const long: ReplayColumns = { ...replay, last_day: '2026-11-30' };
		const page = new CampaignPage(5, { ...fakeApi().api, replay: async () => long });
		page.setMode('replay');
		await vi.advanceTimersByTimeAsync(0);
		const player = page.player;
		expect(player.day).toBe(29);
		player.speed = 5;
		player.play(); // from the end: starts again on the first day
		expect(player.day).toBe(0);
		await vi.advanceTimersByTimeAsync(1000);
		expect(player.day).toBeGreaterThanOrEqual(4);
		expect(player.day).toBeLessThanOrEqual(5);
		player.pause();
		const held = player.day;
		await vi.advanceTimersByTimeAsync(1000);
		expect(player.day).toBe(held);
		player.play();
		await vi.advanceTimersByTimeAsync(10_000);
		expect([player.day, player.playing]).toEqual([29, false]);
		expect(player.counts).toEqual([0, 1, 1, 0]);
		// another mode stops it
		player.play();
		page.setMode('all');
		expect(player.playing).toBe(false);
		vi.unstubAllGlobals();
	});
});
