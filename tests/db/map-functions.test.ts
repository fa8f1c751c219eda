// What the map reads, through the same RPC port the server uses, as the roles PostgREST would
// set: layers match the tables, and anonymous callers get nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { rpcPort } from '../../src/lib/server/db/rpc.ts';
import { DataError, type Claims, type DataPort } from '../../src/lib/server/db/port.ts';
import type {
	GridCollection,
	GridFacts,
	IncidentColumns,
	MapSummary,
	VillageCollection,
	VillageFacts
} from '../../src/lib/types/layers.ts';
import { testDatabase, type TestDatabase } from './engine.ts';

const COMMAND: Claims = {
	sub: '00000000-0000-4000-8000-000000000001',
	role: 'authenticated',
	app_metadata: { app_role: 'command' }
};

let t: TestDatabase;
let port: DataPort;
beforeAll(async () => {
	t = await testDatabase();
	port = rpcPort(t.db);
});

const count = async (sql: string): Promise<number> => (await t.db.query<{ n: number }>(sql))[0].n;

describe('map_layer', () => {
	it('returns every grid with its officer state', async () => {
		const grids = await port.call<GridCollection>('map_layer', { name: 'grids' }, COMMAND);
		expect(grids.features).toHaveLength(449);
		const unassigned = grids.features.filter((f) => f.properties.officer_id === null).length;
		expect(unassigned).toBe(
			await count(
				`select count(*)::int n from grids g where not exists (select 1 from grid_assignments a where a.grid_id = g.id and a.role = 'primary' and upper_inf(a.during))`
			)
		);
		const households = grids.features.reduce((s, f) => s + f.properties.households, 0);
		expect(households).toBe(t.demo.households.length);
		// each grid's incidents of the last 30 days add up to the county's
		const incidents = grids.features.reduce((s, f) => s + f.properties.incidents_30d, 0);
		expect(incidents).toBe(
			await count(`select count(*)::int n from incidents where occurred_at >= now() - interval '30 days'`)
		);
		expect(incidents).toBeGreaterThan(100);
		expect(
			grids.features.some((f) => f.properties.visited_share !== null && f.properties.visited_share > 0)
		).toBe(true);
	});

	it('returns villages with label points inside them', async () => {
		const villages = await port.call<VillageCollection>('map_layer', { name: 'villages' }, COMMAND);
		expect(villages.features).toHaveLength(203);
		const [lon, lat] = villages.features[0].properties.label;
		const inside = await t.db.query<{ ok: boolean }>(
			`select ST_DWithin(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326), 0.00002) ok from villages where id = $3`,
			[lon, lat, villages.features[0].properties.id]
		);
		expect(inside[0].ok).toBe(true);
	});

	it('returns the incidents of the last 30 days as columns', async () => {
		const inc = await port.call<IncidentColumns>('map_layer', { name: 'incidents' }, COMMAND);
		const expected = await count(
			`select count(*)::int n from incidents where occurred_at >= now() - interval '30 days'`
		);
		expect(expected).toBeGreaterThan(100);
		expect(inc.id).toHaveLength(expected);
		expect(inc.position).toHaveLength(expected);
		expect(inc.category).toHaveLength(expected);
	});

	it('returns households only for a small box', async () => {
		const h = await t.db.query<{ x: number; y: number }>(
			`select ST_X(geom) x, ST_Y(geom) y from households order by id limit 1`
		);
		const { x, y } = h[0];
		const small = await port.call<{ id: number[] }>(
			'map_layer',
			{ name: 'households', bbox: [x - 0.01, y - 0.01, x + 0.01, y + 0.01] },
			COMMAND
		);
		expect(small.id.length).toBeGreaterThan(0);
		const huge = await port.call<{ id: number[] }>(
			'map_layer',
			{ name: 'households', bbox: [118, 27, 121, 29] },
			COMMAND
		);
		expect(huge.id).toHaveLength(0);
	});

	it('returns officers and posts inside a box, each once, and all of them without one', async () => {
		for (const [name, table, where] of [
			['officers', 'officers', "status = 'active' and geom is not null"],
			['posts', 'posts', 'true']
		] as const) {
			const all = await port.call<{ id: number[] }>('map_layer', { name }, COMMAND);
			expect(all.id.length).toBe(await count(`select count(*)::int n from ${table} where ${where}`));
			// a box around the first half of them by longitude
			const [{ w, s, e, n }] = await t.db.query<{ w: number; s: number; e: number; n: number }>(
				`select min(ST_X(geom)) w, min(ST_Y(geom)) s, percentile_cont(0.5) within group (order by ST_X(geom)) e,
				        max(ST_Y(geom)) n from ${table} where ${where}`
			);
			const inBox = await port.call<{ id: number[]; position: [number, number][] }>(
				'map_layer',
				{ name, bbox: [w, s, e, n] },
				COMMAND
			);
			expect(inBox.id.length).toBe(
				await count(
					`select count(*)::int n from ${table} where ${where} and ST_X(geom) between ${w} and ${e} and ST_Y(geom) between ${s} and ${n}`
				)
			);
			expect(inBox.id.length).toBeGreaterThan(0);
			expect(inBox.id.length).toBeLessThan(all.id.length);
			expect(new Set(inBox.id).size).toBe(inBox.id.length);
			for (const [x] of inBox.position) expect(x).toBeLessThanOrEqual(e + 1e-5);
		}
	});

	it('refuses an anonymous caller', async () => {
		await expect(port.call('map_layer', { name: 'grids' }, null)).rejects.toThrow(/permission denied/);
		await expect(port.call('map_summary', {}, null)).rejects.toThrow(/permission denied/);
	});

	it('gives a signed-in user without a role nothing', async () => {
		const nobody: Claims = { sub: '00000000-0000-4000-8000-0000000000ff', role: 'authenticated' };
		const grids = await port.call<GridCollection>('map_layer', { name: 'grids' }, nobody);
		expect(grids.features).toHaveLength(0);
		const inc = await port.call<IncidentColumns>('map_layer', { name: 'incidents' }, nobody);
		expect(inc.id).toHaveLength(0);
	});

	it('refuses a function name that is not an identifier', async () => {
		await expect(
			port.call('map_layer(); drop table grids; --' as 'command_room', {}, COMMAND)
		).rejects.toBeInstanceOf(DataError);
		expect(await count('select count(*)::int n from grids')).toBe(449);
	});
});

describe('facts and summary', () => {
	it('summarises the county', async () => {
		const s = await port.call<MapSummary>('map_summary', {}, COMMAND);
		expect(s).toMatchObject({ villages: 203, grids: 449, households: t.demo.households.length });
		expect(s.grids_assigned).toBeLessThan(449);
		expect(s.campaign?.visited).toBeGreaterThan(0);
		expect(s.bbox[0]).toBeGreaterThan(118);
		expect(s.bbox[3]).toBeLessThan(29.5);
	});

	it('describes a grid with its officers and history', async () => {
		const withHistory = await count(
			`select grid_id::int n from grid_assignments where role = 'primary' and not upper_inf(during) order by grid_id limit 1`
		);
		const facts = await port.call<GridFacts>('grid_facts', { grid_id: withHistory }, COMMAND);
		expect(facts.id).toBe(withHistory);
		expect(facts.history.length).toBeGreaterThan(0);
		expect(facts.households).toBe(
			await count(`select count(*)::int n from households where grid_id = ${withHistory}`)
		);
		expect(await port.call('grid_facts', { grid_id: 999999 }, COMMAND)).toBeNull();
		// its box, to 5 decimals: what a tiled map fits to
		const [box] = await t.db.query<{ b: number[] }>(
			`select array[ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)] b from grids where id = ${withHistory}`
		);
		facts.bbox.forEach((v, i) => expect(v).toBeCloseTo(box.b[i], 5));
		expect(facts.bbox[2]).toBeGreaterThan(facts.bbox[0]);
	});

	it('describes a village', async () => {
		const facts = await port.call<VillageFacts>('village_facts', { village_id: 1 }, COMMAND);
		expect(facts.grids).toBe(await count('select count(*)::int n from grids where village_id = 1'));
		expect(facts.area_km2).toBeGreaterThan(0);
		const [box] = await t.db.query<{ b: number[] }>(
			'select array[ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)] b from villages where id = 1'
		);
		facts.bbox.forEach((v, i) => expect(v).toBeCloseTo(box.b[i], 5));
	});
});
