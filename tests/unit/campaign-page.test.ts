// Watching a campaign without a browser: the load's parts arrive, a failure is reported, recorded
// visits to this campaign (and only these) refresh it once per burst, a knock list is spawned,
// and a grid's tooltip reads its visitedShare.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CampaignGrids } from '../../src/lib/features/campaigns/campaign-api.ts';
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

function fakeApi() {
	const calls = { progress: 0, visitedShare: 0, incidents: 0, spawned: [] as [number, string][] };
	let visited = 4;
	const api: CampaignApi = {
		progress: async () => (calls.progress++, progress(visited)),
		visitedShare: async () => (calls.visitedShare++, visitedShare),
		incidents: async () => (calls.incidents++, [{ ...incident, knock_lists: calls.spawned.length }]),
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
});
