// Grid drafts: the editor's edits are previewed (figures before and after, nothing written) and
// committed in one transaction. Merge (the absorbed grid's officer may stay; its history stays
// readable), move a shared edge, draw a new grid, re-grid a village; after each, every grid's
// households are exactly those it covers. A stale draft, a planner's commit and another
// station's head are refused and change nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlTransaction } from '../../src/lib/server/db/sql.ts';
import { actAs, asOwner, rolledBack, testDatabase, type TestDatabase, refusal } from './engine.ts';

let t: TestDatabase;
beforeAll(async () => {
	t = await testDatabase();
});

type Tx = Pick<SqlTransaction, 'query' | 'exec'>;

interface Pair {
	a: number;
	b: number;
	village: number;
	station: number;
	officer_a: number;
	officer_b: number;
	/** a box across the middle of the edge a and b share, reaching ~60 m into each */
	across: string;
	/** a box in the middle of a, a tenth of its size */
	inside_a: string;
	/** the village's box cut in two halves, west and east */
	halves: string;
}

interface Figure {
	id: number;
	version: number;
	households: number;
	vulnerable: number;
	incidents_12m: number;
	officer: { id: number; name: string; households: number } | null;
	reach_km: number | null;
	area_m2: number;
}
interface Preview {
	before: Figure[];
	after: Figure[];
	households_moved: number;
}

/** Two assigned neighbours of one village with the longest shared edge among the largest. */
async function pair(tx: Tx): Promise<Pair> {
	const [row] = await tx.query<Pair>(
		`with cand as (
		   select a.id a, b.id b, a.village_id village, v.station_id station,
		          oa.officer_id officer_a, ob.officer_id officer_b,
		          ST_LineMerge(ST_CollectionExtract(ST_Intersection(ST_Boundary(a.geom), ST_Boundary(b.geom)), 2)) edge,
		          a.geom ga, v.geom gv
		   from grids a join grids b on b.village_id = a.village_id and b.id > a.id and ST_Touches(a.geom, b.geom)
		   join villages v on v.id = a.village_id
		   join grid_assignments oa on oa.grid_id = a.id and oa.role = 'primary' and upper_inf(oa.during)
		   join grid_assignments ob on ob.grid_id = b.id and ob.role = 'primary' and upper_inf(ob.during)
		   where ST_NumGeometries(a.geom) = 1 and ST_NumGeometries(b.geom) = 1)
		 select a::int, b::int, village::int, station::int, officer_a::int, officer_b::int,
		   ST_AsGeoJSON(ST_Envelope(ST_Buffer(ST_LineInterpolatePoint(ST_GeometryN(ST_Multi(edge), 1), 0.5)::geography, 60)::geometry))::text across,
		   ST_AsGeoJSON(ST_Buffer(ST_PointOnSurface(ga)::geography, 40)::geometry)::text inside_a,
		   json_build_array(
		     ST_AsGeoJSON(ST_MakeEnvelope(ST_XMin(gv) - 0.001, ST_YMin(gv) - 0.001, (ST_XMin(gv) + ST_XMax(gv)) / 2, ST_YMax(gv) + 0.001, 4326))::json,
		     ST_AsGeoJSON(ST_MakeEnvelope((ST_XMin(gv) + ST_XMax(gv)) / 2, ST_YMin(gv) - 0.001, ST_XMax(gv) + 0.001, ST_YMax(gv) + 0.001, 4326))::json)::text halves
		 from cand where ST_Length(edge::geography) > 200
		 order by (select count(*) from households h where h.grid_id in (cand.a, cand.b)) desc, a, b limit 1`
	);
	return row;
}

async function preview(tx: Tx, edits: unknown[]): Promise<Preview> {
	const [{ r }] = await tx.query<{ r: Preview }>(`select public.preview_grid_edits($1) r`, [
		JSON.stringify(edits)
	]);
	return r;
}

function versionsOf(figures: Figure[]): Record<string, number> {
	return Object.fromEntries(figures.map((f) => [String(f.id), f.version]));
}

async function commit(tx: Tx, edits: unknown[], versions: Record<string, number>): Promise<Preview['after']> {
	const [{ r }] = await tx.query<{ r: { after: Figure[] } }>(`select public.commit_grid_edits($1, $2) r`, [
		JSON.stringify(edits),
		JSON.stringify(versions)
	]);
	return r.after;
}

/** Per grid of the village: households it holds, households it covers, its stored count. */
async function holdings(tx: Tx, village: number) {
	await asOwner(tx);
	return tx.query<{ id: number; held: number; covered: number; counted: number }>(
		`select g.id::int,
		   (select count(*)::int from households h where h.grid_id = g.id) held,
		   (select count(*)::int from households h where h.village_id = g.village_id and ST_Covers(g.geom, h.geom)) covered,
		   coalesce((select c.households::int from grid_household_counts c where c.grid_id = g.id), 0) counted
		 from grids g where g.village_id = $1 order by g.id`,
		[village]
	);
}

function expectConsistent(rows: { held: number; covered: number; counted: number }[]) {
	expect(rows.length).toBeGreaterThan(0);
	for (const r of rows) {
		expect(r.held).toBe(r.covered);
		expect(r.counted).toBe(r.held);
	}
}

describe('grid drafts', () => {
	it('previews a merge with figures before and after, and writes nothing', async () => {
		await rolledBack(t.db, async (tx) => {
			const p = await pair(tx);
			const [{ grids: gridsBefore, audit }] = await tx.query<{ grids: number; audit: number }>(
				`select (select count(*)::int from grids) grids, (select count(*)::int from audit_log) audit`
			);
			await actAs(tx, { app_role: 'station_head', station_id: p.station });
			const r = await preview(tx, [{ op: 'merge', grid: p.a, absorb: p.b, officer: 'absorb' }]);
			const a0 = r.before.find((f) => f.id === p.a)!;
			const b0 = r.before.find((f) => f.id === p.b)!;
			const a1 = r.after.find((f) => f.id === p.a)!;
			expect(a0.households + b0.households).toBeGreaterThan(0);
			expect(r.after.find((f) => f.id === p.b)).toBeUndefined();
			expect(a1.households).toBe(a0.households + b0.households);
			expect(a1.vulnerable).toBe(a0.vulnerable + b0.vulnerable);
			expect(a1.officer?.id).toBe(p.officer_b);
			// reach: the farthest household from the nearest post or station, a few km at most here
			expect(a0.reach_km).toBeGreaterThan(0);
			expect(a1.reach_km).toBeGreaterThan(0);
			expect(a1.reach_km).toBeLessThan(30);
			expect(a1.area_m2).toBeGreaterThan(a0.area_m2 + b0.area_m2 - 5);
			expect(r.households_moved).toBe(b0.households);
			await asOwner(tx);
			const [after] = await tx.query<{ grids: number; audit: number; b: number }>(
				`select (select count(*)::int from grids) grids, (select count(*)::int from audit_log) audit,
				   (select count(*)::int from households where grid_id = $1) b`,
				[p.b]
			);
			expect(after).toEqual({ grids: gridsBefore, audit, b: b0.households });
		});
	});

	it("commits a merge: the absorbed grid's officer stays, its history stays readable, its old outline is in grids_at", async () => {
		await rolledBack(t.db, async (tx) => {
			const p = await pair(tx);
			const [{ old_b }] = await tx.query<{ old_b: string }>(
				`select ST_AsText(geom) old_b from grids where id = $1`,
				[p.b]
			);
			await actAs(tx, { app_role: 'station_head', station_id: p.station });
			const edits = [{ op: 'merge', grid: p.a, absorb: p.b, officer: 'absorb' }];
			const before = (await preview(tx, edits)).before;
			const after = await commit(tx, edits, versionsOf(before));
			expect(after.map((f) => f.id)).not.toContain(p.b);
			expect(after.find((f) => f.id === p.a)?.officer?.id).toBe(p.officer_b);
			// the head still reads who covered the merged grid, and until when
			const history = await tx.query<{ open: boolean }>(
				`select upper_inf(during) open from grid_assignments where grid_id = $1 and role = 'primary'`,
				[p.b]
			);
			expect(history.length).toBeGreaterThan(0);
			expect(history.every((h) => !h.open)).toBe(true);
			const [{ was }] = await tx.query<{ was: string }>(
				`select ST_AsText(geom) was from grids_at(now() - interval '1 microsecond') where grid_id = $1`,
				[p.b]
			);
			expect(was).toBe(old_b);
			// the overview's ?at= layer: the merged grid as it was, with its officer then and its
			// households (within its old outline)
			const [{ layer }] = await tx.query<{
				layer: { features: { id: number; properties: { officer_id: number | null; households: number } }[] };
			}>(`select layer_grids_at(now() - interval '1 microsecond') layer`);
			const then = layer.features.find((f) => f.id === p.b)!;
			expect(then.properties.officer_id).toBe(p.officer_b);
			expect(then.properties.households).toBeGreaterThan(0);
			const [{ now: current }] = await tx.query<{ now: { features: { id: number }[] } }>(
				`select layer_grids_at(now()) now`
			);
			expect(current.features.map((f) => f.id)).not.toContain(p.b);
			// open maps hear of it: one grid_plan change for the village
			const announced = await tx.query<{ village: number }>(
				`select (data ->> 'village_id')::int village from live_changes where kind = 'grid_plan' and at >= now()`
			);
			expect(announced.map((a) => a.village)).toContain(p.village);
			const [{ prior }] = await tx.query<{ prior: number }>(
				`select count(*)::int prior from grid_assignments
				 where grid_id = $1 and officer_id = $2 and role = 'primary' and not upper_inf(during)`,
				[p.a, p.officer_a]
			);
			expect(prior).toBe(1);
			expectConsistent(await holdings(tx, p.village));
		});
	});

	it('moves a shared edge: both neighbours change together and every household is in the grid that covers it', async () => {
		await rolledBack(t.db, async (tx) => {
			const p = await pair(tx);
			await actAs(tx, { app_role: 'station_head', station_id: p.station });
			const edits = [{ op: 'transfer', grid: p.a, area: JSON.parse(p.across) }];
			const r = await preview(tx, edits);
			const after = await commit(tx, edits, versionsOf(r.before));
			const grew = after.find((f) => f.id === p.a)!.area_m2 - r.before.find((f) => f.id === p.a)!.area_m2;
			const shrank = r.before.find((f) => f.id === p.b)!.area_m2 - after.find((f) => f.id === p.b)!.area_m2;
			expect(grew).toBeGreaterThan(1000);
			expect(Math.abs(grew - shrank)).toBeLessThan(2);
			expect(after.reduce((n, f) => n + f.households, 0)).toBe(
				r.before.reduce((n, f) => n + f.households, 0)
			);
			expectConsistent(await holdings(tx, p.village));
		});
	});

	it('draws a new grid carved from the grid it lies in, and re-grids a village into two', async () => {
		await rolledBack(t.db, async (tx) => {
			const p = await pair(tx);
			await actAs(tx, { app_role: 'station_head', station_id: p.station });
			const drawn = [{ op: 'draw', village: p.village, area: JSON.parse(p.inside_a), name: '新建小区网格' }];
			const r = await preview(tx, drawn);
			const after = await commit(tx, drawn, versionsOf(r.before));
			const created = after.find((f) => !r.before.some((b) => b.id === f.id))!;
			expect(created).toBeDefined();
			expect(created.area_m2).toBeGreaterThan(4000);
			expect(created.officer).toBeNull();
			expectConsistent(await holdings(tx, p.village));

			await actAs(tx, { app_role: 'station_head', station_id: p.station });
			const halves = JSON.parse(p.halves) as unknown[];
			const replace = [{ op: 'replace', village: p.village, grids: halves }];
			const r2 = await preview(tx, replace);
			const after2 = await commit(tx, replace, versionsOf(r2.before));
			expect(after2).toHaveLength(2);
			// old ids stay on the outlines they overlap most, so officers stay
			expect(after2.every((f) => r2.before.some((b) => b.id === f.id))).toBe(true);
			expectConsistent(await holdings(tx, p.village));
		});
	});

	it('refuses a stale draft, a planner commit and another station, and writes nothing', async () => {
		const stale = await refusal(t.db, async (tx) => {
			const p = await pair(tx);
			await actAs(tx, { app_role: 'station_head', station_id: p.station });
			const edits = [{ op: 'merge', grid: p.a, absorb: p.b }];
			const { before } = await preview(tx, edits);
			// another head re-draws b meanwhile
			await asOwner(tx);
			await tx.query(`update grids set name = name || '（改）' where id = $1`, [p.b]);
			await actAs(tx, { app_role: 'station_head', station_id: p.station });
			await commit(tx, edits, versionsOf(before));
		});
		expect(stale).toMatch(/grid_conflict/);

		const planner = await refusal(t.db, async (tx) => {
			const p = await pair(tx);
			await actAs(tx, { app_role: 'planner' });
			const edits = [{ op: 'merge', grid: p.a, absorb: p.b }];
			const { after } = await preview(tx, edits);
			expect(after.some((f) => f.id === p.b)).toBe(false);
			await commit(tx, edits, {});
		});
		expect(planner).toMatch(/grid_edit_not_allowed/);

		const other = await refusal(t.db, async (tx) => {
			const p = await pair(tx);
			const [{ s }] = await tx.query<{ s: number }>(`select min(id)::int s from stations where id <> $1`, [
				p.station
			]);
			await actAs(tx, { app_role: 'station_head', station_id: s });
			await preview(tx, [{ op: 'merge', grid: p.a, absorb: p.b }]);
		});
		expect(other).toMatch(/grid_not_in_station/);

		const overlap = await refusal(t.db, async (tx) => {
			const p = await pair(tx);
			await actAs(tx, { app_role: 'station_head', station_id: p.station });
			await preview(tx, [{ op: 'transfer', grid: p.a, area: { type: 'Point', coordinates: [120, 28] } }]);
		});
		expect(overlap).toMatch(/grid_area_invalid/);
	});
});
