// The overview map's page logic without a browser: what the link carries, the selection and the
// station head's tools, the selected grid's facts (and a stale answer ignored), a grid recoloured
// after an assignment, and the live channel that recolours grids and brings the figures along.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/lib/api/request.ts';
import type { LiveClientOptions } from '../../src/lib/features/live/live-client.ts';
import type { GridFacts, MapSummary, VillageFacts } from '../../src/lib/types/layers.ts';
import type { ChangeEvent } from '../../src/lib/types/live.ts';
import type { UrlState } from '../../src/lib/map/url-state.ts';
import type { OverviewData, OverviewLayer } from '../../src/routes/(app)/overview-layers.ts';
import { OverviewPage, type OverviewApi } from '../../src/routes/(app)/overview-page.svelte.ts';

const square = (x: number) => ({
	type: 'MultiPolygon' as const,
	coordinates: [
		[
			[
				[x, 0],
				[x + 1, 0],
				[x + 1, 1],
				[x, 1],
				[x, 0]
			]
		]
	]
});

function data(): OverviewData {
	const empty = { type: 'FeatureCollection' as const, features: [] };
	const grid = (id: number, x: number, officer: [number, string] | null) => ({
		type: 'Feature',
		geometry: square(x),
		properties: {
			id,
			name: `G${id}`,
			village_id: 1,
			officer_id: officer?.[0] ?? null,
			officer: officer?.[1] ?? null
		}
	});
	return {
		counties: { type: 'FeatureCollection', features: [{ properties: { name: '遂昌县' } }] },
		townships: empty,
		villages: {
			type: 'FeatureCollection',
			features: [{ type: 'Feature', geometry: square(0), properties: { id: 1, name: '北村' } }]
		},
		grids: { type: 'FeatureCollection', features: [grid(7, 0, [1, '王警官']), grid(8, 2, null)] },
		stations: { id: [], name: [], position: [] },
		posts: { id: [], name: [], kind: [], station_id: [], position: [] },
		officers: { id: [1, 2], name: ['王警官', '李警官'], kind: [], station_id: [], position: [] },
		incidents: { id: [], category: [], status: [], time: [], position: [] }
	} as unknown as OverviewData;
}

const facts = (id: number, primary: [number, string] | null) =>
	({
		id,
		name: `G${id}`,
		bbox: [id, 0, id + 1, 1],
		officers: primary ? [{ id: primary[0], name: primary[1], role: 'primary' }] : []
	}) as unknown as GridFacts;

const summary = (assigned: number) => ({ grids: 2, grids_assigned: assigned }) as MapSummary;

function fakeApi() {
	const calls = { summary: 0, workload: 0, grids: 0, closed: 0, points: [] as number[][] };
	const live: { options: LiveClientOptions | null } = { options: null };
	let primary: [number, string] | null = [1, '王警官'];
	const api: OverviewApi = {
		summary: async () => (calls.summary++, summary(primary ? 1 : 0)),
		grids: async () => (calls.grids++, data().grids),
		gridFacts: async (id) => facts(id, id === 7 ? primary : null),
		villageFacts: async (id) => ({ id, name: '北村' }) as VillageFacts,
		workload: async () => (calls.workload++, []),
		pointsIn: async (box) => {
			calls.points.push([...box]);
			const officers = {
				id: [3],
				name: ['赵辅警'],
				kind: ['auxiliary'],
				station_id: [1],
				position: [[119, 28]]
			};
			return { officers, posts: data().posts } as Pick<OverviewData, 'officers' | 'posts'>;
		},
		connect: (options) => {
			live.options = options;
			return { close: () => void calls.closed++, applied: 0 };
		}
	};
	return { api, calls, live, assign: (next: [number, string] | null) => (primary = next) };
}

const noLink: UrlState<OverviewLayer> = { view: null, layers: null, selection: null };

async function opened(api: OverviewApi, initial = noLink) {
	const page = new OverviewPage(initial, api);
	page.open({
		summary: Promise.resolve(summary(1)),
		layers: Promise.resolve(data()),
		icons: new Promise(() => {})
	});
	// the layers wait for the icons in the page; here the test hands them over directly
	page.layers = data();
	await vi.advanceTimersByTimeAsync(0);
	return page;
}

describe('the overview page', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('leaves the default layers out of the link, and puts the others in', () => {
		const page = new OverviewPage(noLink, fakeApi().api);
		expect(page.urlState.layers).toBeNull();
		page.toggle('campaign');
		expect(page.urlState.layers).toEqual([
			'villages',
			'grids',
			'officers',
			'stations',
			'incidents',
			'campaign'
		]);
		page.toggle('campaign');
		expect(page.urlState.layers).toBeNull();
		page.toggle('incidents');
		expect(page.urlState.layers).toEqual(['villages', 'grids', 'officers', 'stations']);

		const linked = new OverviewPage(
			{ view: { zoom: 12, center: [119, 28] }, layers: ['grids'], selection: { kind: 'grid', id: 7 } },
			fakeApi().api
		);
		expect(linked.zoom).toBe(12);
		expect(linked.urlState).toEqual({
			view: { zoom: 12, center: [119, 28] },
			layers: ['grids'],
			selection: { kind: 'grid', id: 7 }
		});
	});

	it("a selection closes the head's tool; a tool clears the selection", () => {
		const page = new OverviewPage(noLink, fakeApi().api);
		page.select({ kind: 'grid', id: 7 });
		page.openTool('suggest');
		expect([page.selection, page.tool]).toEqual([null, 'suggest']);
		page.select({ kind: 'village', id: 1 });
		expect([page.selection, page.tool]).toEqual([{ kind: 'village', id: 1 }, null]);
	});

	it("loads the selected grid's facts, and ignores an answer the selection has moved past", async () => {
		const { api } = fakeApi();
		const page = await opened(api, { ...noLink, selection: { kind: 'grid', id: 7 } });
		expect(page.countyName).toBe('遂昌县');
		expect(page.panelTitle).toBe('G7');
		const cancel = page.loadFacts();
		expect(page.facts).toEqual({ status: 'loading' });
		await vi.advanceTimersByTimeAsync(0);
		expect(page.facts).toMatchObject({ status: 'grid', facts: { id: 7 } });

		page.select({ kind: 'village', id: 1 });
		cancel();
		const stale = page.loadFacts();
		stale();
		await vi.advanceTimersByTimeAsync(0);
		expect(page.facts).toEqual({ status: 'loading' });

		page.select(null);
		page.loadFacts();
		expect(page.facts).toBeNull();
	});

	it('says a missing grid is not found, and other failures with their reason', async () => {
		const { api } = fakeApi();
		const page = new OverviewPage({ ...noLink, selection: { kind: 'grid', id: 99 } }, api);
		api.gridFacts = async () => {
			throw new ApiError(404, 'grid_not_found');
		};
		page.loadFacts();
		await vi.advanceTimersByTimeAsync(0);
		expect(page.facts).toEqual({ status: 'error', message: '找不到该网格或村社，或您无权查看。' });
		expect(page.panelTitle).toBe('#99');
		api.gridFacts = async () => {
			throw new Error('timeout');
		};
		page.loadFacts();
		await vi.advanceTimersByTimeAsync(0);
		expect(page.facts).toEqual({ status: 'error', message: '加载失败：timeout' });
	});

	it('recolours a grid after an assignment, then brings facts, staff and totals along', async () => {
		const { api, calls, assign } = fakeApi();
		const page = await opened(api, { ...noLink, selection: { kind: 'grid', id: 8 } });
		expect(page.unassignedInView).toBe(1);
		const version = page.gridVersion;
		await page.assignmentChanged('已指派', { id: 2, name: '李警官' });
		// the database says grid 8 has no primary after all: the map follows the database
		expect(page.layers?.grids.features[1].properties.officer_id).toBeNull();
		expect(page.gridVersion).toBe(version + 2);
		expect(page.facts).toMatchObject({ status: 'grid', facts: { id: 8 } });
		expect(page.toast).toBe('已指派');
		expect([calls.workload, calls.summary]).toEqual([1, 1]);
		expect(page.staff).toEqual([]);

		assign(null);
		page.select({ kind: 'grid', id: 7 });
		await page.assignmentChanged('已撤销', null);
		expect(page.layers?.grids.features[0].properties.officer_id).toBeNull();
		expect(page.unassignedInView).toBe(2);
		await vi.advanceTimersByTimeAsync(4000);
		expect(page.toast).toBeNull();
	});

	it('loads the staff once for a selected grid', async () => {
		const { api, calls } = fakeApi();
		const page = new OverviewPage(noLink, api);
		page.loadStaff();
		expect(calls.workload).toBe(0);
		page.select({ kind: 'grid', id: 7 });
		page.loadStaff();
		await vi.advanceTimersByTimeAsync(0);
		page.loadStaff();
		expect(calls.workload).toBe(1);
	});

	it('recolours grids from live assignments and follows with the figures five seconds later', async () => {
		const { api, calls, live } = fakeApi();
		const page = new OverviewPage(noLink, api);
		page.open({
			summary: Promise.resolve(summary(1)),
			layers: Promise.resolve(data()),
			icons: Promise.resolve({} as never)
		});
		await vi.advanceTimersByTimeAsync(0);
		expect(page.figures()).toMatchObject({ counties: 1, villages: 1, grids: 2, officers: 2 });
		const version = page.gridVersion;
		const change: ChangeEvent = {
			id: 1,
			at: new Date().toISOString(),
			op: 'insert',
			entity_id: 1,
			kind: 'assignment',
			data: { grid_id: 8, officer_id: 2, role: 'primary', active: true }
		};
		live.options?.onState('live');
		live.options?.onChanges([change]);
		await vi.advanceTimersByTimeAsync(1000);
		expect(page.liveState).toBe('live');
		expect(page.layers?.grids.features[1].properties.officer).toBe('李警官');
		expect(page.gridVersion).toBe(version + 1);
		expect(calls.summary).toBe(0);
		await vi.advanceTimersByTimeAsync(4000);
		expect(calls.summary).toBe(1);

		page.dispose();
		expect(calls.closed).toBe(1);
	});

	it('reports layers that fail to load', async () => {
		const reported: string[] = [];
		const page = new OverviewPage(noLink, fakeApi().api, (m) => reported.push(m));
		page.open({
			summary: new Promise(() => {}),
			layers: Promise.reject(new ApiError(500, 'network')),
			icons: Promise.resolve({} as never)
		});
		await vi.advanceTimersByTimeAsync(0);
		expect(page.loadError).toBe('网络连接失败');
		expect(reported).toEqual(['网络连接失败']);
		expect(page.figures()).toBeNull();
	});
});

describe('the overview page over tiles', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	// as +page.ts opens a tiled jurisdiction: no grids, officers or posts until the camera is close
	const tiledData = (): OverviewData => ({
		...data(),
		villages: { type: 'FeatureCollection', features: [] },
		grids: { type: 'FeatureCollection', features: [] },
		officers: { id: [], name: [], kind: [], station_id: [], position: [] },
		tiled: true
	});

	async function tiledPage(zoom: number) {
		const fake = fakeApi();
		const page = new OverviewPage({ ...noLink, view: { zoom, center: [119.5, 28.5] } }, fake.api);
		page.open({
			summary: Promise.resolve(summary(1)),
			layers: Promise.resolve(tiledData()),
			icons: Promise.resolve({} as never)
		});
		await vi.advanceTimersByTimeAsync(0);
		return { page, ...fake };
	}

	it("asks for the grids' states once, when a zoom first draws villages", async () => {
		const { page, calls } = await tiledPage(7);
		page.loadInView(1920, 1080);
		await vi.advanceTimersByTimeAsync(0);
		expect([calls.grids, page.statesLoaded, page.tiles]).toEqual([0, false, null]);
		page.view = { zoom: 8, center: [119.5, 28.5] };
		page.loadInView(1920, 1080);
		page.loadInView(1920, 1080);
		await vi.advanceTimersByTimeAsync(0);
		expect(calls.grids).toBe(1);
		expect(page.statesLoaded).toBe(true);
		expect(page.tiles?.grids.get(7)?.officer).toBe('王警官');
		expect(page.tiles?.villages.get(1)).toMatchObject({ grids: 2, grids_assigned: 1 });
	});

	it('loads officers and posts around the view from zoom 10, and again only when the view leaves them', async () => {
		const { page, calls } = await tiledPage(9);
		page.loadInView(1000, 800);
		await vi.advanceTimersByTimeAsync(0);
		expect(calls.points).toEqual([]);
		page.view = { zoom: 10, center: [119.5, 28.5] };
		page.loadInView(1000, 800);
		await vi.advanceTimersByTimeAsync(0);
		expect(calls.points).toHaveLength(1);
		const [w, s, e, n] = calls.points[0];
		// a quarter of a view beyond each side: 1500 px of 512·2^10 px around the world
		expect(e - w).toBeCloseTo((1500 / (512 * 1024)) * 360, 6);
		expect(w < 119.5 && e > 119.5 && s < 28.5 && n > 28.5).toBe(true);
		expect(page.layers?.officers.name).toEqual(['赵辅警']);
		// a short pan stays inside the box loaded: no request
		page.view = { zoom: 10, center: [119.52, 28.5] };
		page.loadInView(1000, 800);
		expect(calls.points).toHaveLength(1);
		// past its edge: the next box
		page.view = { zoom: 10, center: [120.5, 28.5] };
		page.loadInView(1000, 800);
		expect(calls.points).toHaveLength(2);
		expect(calls.points[1][0]).toBeGreaterThan(e - 0.5);
	});

	it('drops an answer for a view the camera has left, and asks again after a failure', async () => {
		const { page, api, calls } = await tiledPage(11);
		const answers: ((v: Pick<OverviewData, 'officers' | 'posts'>) => void)[] = [];
		let fail = false;
		api.pointsIn = (box) => {
			calls.points.push([...box]);
			if (fail) return Promise.reject(new ApiError(500, 'network'));
			return new Promise((resolve) => answers.push(resolve));
		};
		page.loadInView(1000, 800);
		page.view = { zoom: 11, center: [121, 29] };
		page.loadInView(1000, 800);
		const named = (name: string) =>
			({
				officers: { id: [9], name: [name], kind: ['police'], station_id: [1], position: [[121, 29]] },
				posts: data().posts
			}) as Pick<OverviewData, 'officers' | 'posts'>;
		answers[1](named('新视图'));
		answers[0](named('旧视图'));
		await vi.advanceTimersByTimeAsync(0);
		expect(page.layers?.officers.name).toEqual(['新视图']);
		fail = true;
		page.view = { zoom: 11, center: [119, 27] };
		page.loadInView(1000, 800);
		await vi.advanceTimersByTimeAsync(0);
		fail = false;
		page.loadInView(1000, 800);
		expect(calls.points).toHaveLength(4);
	});

	const assigned = (grid_id: number, officer_id: number, id = 1): ChangeEvent => ({
		id,
		at: new Date().toISOString(),
		op: 'insert',
		entity_id: id,
		kind: 'assignment',
		data: { grid_id, officer_id, role: 'primary', active: true }
	});

	it('never names a newly responsible officer it does not hold: none, then the name from the grid', async () => {
		const { page, api, calls, live } = await tiledPage(10);
		page.loadInView(1000, 800);
		await vi.advanceTimersByTimeAsync(0);
		const before = calls.grids;
		const asked: number[] = [];
		api.gridFacts = async (id) => (asked.push(id), facts(id, [42, '钱警官']));
		live.options?.onChanges([assigned(8, 42)]);
		await vi.advanceTimersByTimeAsync(90);
		const grid = () => page.layers?.grids.features.find((f) => f.properties.id === 8)?.properties;
		// drawn as assigned at once; no other officer's name in the meantime
		expect(grid()?.officer_id).toBe(42);
		await vi.advanceTimersByTimeAsync(1000);
		expect(asked).toEqual([8]);
		expect(grid()?.officer).toBe('钱警官');
		expect(page.tiles?.grids.get(8)?.officer).toBe('钱警官');
		// one small request, not the province's states again, and no new tiles
		expect(calls.grids).toBe(before);
		expect(page.tileEpoch).toBe(0);
	});

	it('a name that has moved on by the time it arrives is not written over the new one', async () => {
		const { page, api, live } = await tiledPage(10);
		page.loadInView(1000, 800);
		await vi.advanceTimersByTimeAsync(0);
		let answer: (f: GridFacts) => void = () => {};
		api.gridFacts = (id) => new Promise((resolve) => (answer = () => resolve(facts(id, [42, '钱警官']))));
		live.options?.onChanges([assigned(8, 42)]);
		await vi.advanceTimersByTimeAsync(1000);
		live.options?.onChanges([assigned(8, 1, 2)]); // then 王警官, whose name the map holds
		await vi.advanceTimersByTimeAsync(1000);
		expect(page.layers?.grids.features.find((f) => f.properties.id === 8)?.properties.officer).toBe('王警官');
		answer(facts(8, [42, '钱警官']));
		await vi.advanceTimersByTimeAsync(0);
		const grid = page.layers?.grids.features.find((f) => f.properties.id === 8)?.properties;
		expect([grid?.officer_id, grid?.officer]).toEqual([1, '王警官']);
	});

	it('a re-drawn grid plan asks for new tiles, and for the states only once they were asked for', async () => {
		const { page, calls, live } = await tiledPage(7);
		const plan: ChangeEvent = { ...assigned(0, 0), kind: 'grid_plan', data: {} } as unknown as ChangeEvent;
		live.options?.onChanges([plan]);
		await vi.advanceTimersByTimeAsync(1000);
		expect([calls.grids, page.tileEpoch]).toEqual([0, 1]);
		page.view = { zoom: 9, center: [119.5, 28.5] };
		page.loadInView(1000, 800);
		await vi.advanceTimersByTimeAsync(0);
		live.options?.onChanges([plan]);
		await vi.advanceTimersByTimeAsync(1000);
		expect([calls.grids, page.tileEpoch]).toEqual([2, 2]);
	});

	it("loads a station head's states at once, asks for no officers with their layers off, and asks in WGS84", async () => {
		const { page, calls } = await tiledPage(7);
		page.loadInView(1000, 800, { eager: true });
		await vi.advanceTimersByTimeAsync(0);
		expect(page.statesLoaded).toBe(true);
		page.enabled = ['grids', 'villages'];
		page.view = { zoom: 12, center: [119.5, 28.5] };
		page.loadInView(1000, 800);
		expect(calls.points).toEqual([]);
		page.enabled = ['officers'];
		// a GCJ-02 basemap's centre, 0.005° east and north of the data's
		page.loadInView(1000, 800, { toData: ([x, y]) => [x - 0.005, y - 0.005] });
		const [w, , e] = calls.points[0];
		expect((w + e) / 2).toBeCloseTo(119.495, 6);
	});

	it('places officers loaded later where the live channel last reported them', async () => {
		const { page, live } = await tiledPage(9);
		live.options?.onChanges([
			{
				id: 5,
				at: new Date().toISOString(),
				op: 'update',
				entity_id: 3,
				kind: 'officer',
				data: { id: 3, status: 'active', position: [119.6, 28.6] }
			} as unknown as ChangeEvent
		]);
		await vi.advanceTimersByTimeAsync(1000);
		page.view = { zoom: 11, center: [119.5, 28.5] };
		page.loadInView(1000, 800);
		await vi.advanceTimersByTimeAsync(0);
		expect(page.layers?.officers.position).toEqual([[119.6, 28.6]]);
	});

	it('knows where a selected tiled grid is from its facts: the box to fit and the point to rank staff from', async () => {
		const { page } = await tiledPage(7);
		page.select({ kind: 'grid', id: 8 });
		expect(page.selectionBounds).toBeNull();
		const cancel = page.loadFacts();
		await vi.advanceTimersByTimeAsync(0);
		expect(page.selectionBounds).toEqual([8, 0, 9, 1]);
		expect(page.gridPoint(8)).toEqual([8.5, 0.5]);
		// another grid's facts say nothing of this one
		expect(page.gridPoint(7)).toBeNull();
		cancel();
	});
});
