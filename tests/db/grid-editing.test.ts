// split_grid, the editor's RPC: a station head splits a grid of their station along a line; the
// part with more households keeps the grid (and its officer), the other is a new, unassigned
// grid; the households, counts and history follow; another station's head, a planner, a line
// that does not cross, and an edit made on a version the caller did not see are refused and
// change nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlTransaction } from '../../src/lib/server/db/sql.ts';
import { actAs, asOwner, rolledBack, testDatabase, type TestDatabase, refusal } from './engine.ts';

let t: TestDatabase;
beforeAll(async () => {
	t = await testDatabase();
});

type Tx = Pick<SqlTransaction, 'query' | 'exec'>;

interface Target {
	id: number;
	station_id: number;
	households: number;
	version: number;
	/** a north–south line through the grid's box, a third of the way from its west edge */
	line: string;
}

async function target(tx: Tx): Promise<Target> {
	const [row] = await tx.query<Target>(
		`select g.id::int, v.station_id::int, c.households::int, gv.id::int version,
		   json_build_object('type', 'LineString', 'coordinates', json_build_array(
		     json_build_array(ST_XMin(g.geom) + (ST_XMax(g.geom) - ST_XMin(g.geom)) / 3, ST_YMin(g.geom) - 0.001),
		     json_build_array(ST_XMin(g.geom) + (ST_XMax(g.geom) - ST_XMin(g.geom)) / 3, ST_YMax(g.geom) + 0.001)))::text line
		 from grids g join villages v on v.id = g.village_id
		 join grid_household_counts c on c.grid_id = g.id
		 join grid_versions gv on gv.grid_id = g.id and upper_inf(gv.valid)
		 where ST_NumGeometries(g.geom) = 1
		   and exists (select 1 from grid_assignments a where a.grid_id = g.id and a.role = 'primary' and upper_inf(a.during))
		 order by c.households desc, g.id limit 1`
	);
	return row;
}

async function split(tx: Tx, g: Target, version = g.version, line = g.line) {
	const [{ r }] = await tx.query<{
		r: {
			kept: { id: number; households: number; version: number };
			created: { id: number; households: number };
		};
	}>(`select public.split_grid($1, $2, $3) r`, [g.id, line, version]);
	return r;
}

describe('split_grid', () => {
	it("splits a grid of the head's station: the larger share keeps the officer, the rest is a gap", async () => {
		await rolledBack(t.db, async (tx) => {
			const g = await target(tx);
			expect(g.households).toBeGreaterThan(100);
			// the audit below names this caller
			await actAs(tx, {
				sub: '00000000-0000-4000-8000-00000000e417',
				app_role: 'station_head',
				station_id: g.station_id
			});
			const r = await split(tx, g);
			await asOwner(tx);
			await tx.query('set constraints all immediate');
			expect(r.kept.id).toBe(g.id);
			expect(r.kept.households).toBeGreaterThanOrEqual(r.created.households);
			expect(r.kept.households + r.created.households).toBe(g.households);
			expect(r.created.households).toBeGreaterThan(0);
			expect(r.kept.version).not.toBe(g.version);
			const counts = await tx.query<{ grid_id: number; kept: number; live: number; covered: number }>(
				`select g.id::int grid_id, c.households::int kept,
				   (select count(*)::int from households h where h.grid_id = g.id) live,
				   (select count(*)::int from households h where ST_Covers(g.geom, h.geom)) covered
				 from grids g join grid_household_counts c on c.grid_id = g.id where g.id in ($1, $2) order by g.id`,
				[g.id, r.created.id]
			);
			expect(counts).toEqual([
				{ grid_id: g.id, kept: r.kept.households, live: r.kept.households, covered: r.kept.households },
				{
					grid_id: r.created.id,
					kept: r.created.households,
					live: r.created.households,
					covered: r.created.households
				}
			]);
			const officers = await tx.query<{ grid_id: number }>(
				`select grid_id::int from grid_assignments where grid_id in ($1, $2) and role = 'primary' and upper_inf(during)`,
				[g.id, r.created.id]
			);
			expect(officers).toEqual([{ grid_id: g.id }]);
			const audit = await tx.query<{ actor: string }>(
				`select actor::text from audit_log where action = 'grid_split' and row_id = $1 and at = now()`,
				[g.id]
			);
			expect(audit).toEqual([{ actor: '00000000-0000-4000-8000-00000000e417' }]);
		});
	});

	it('refuses other stations, planners, a stale version and a line that does not cross, changing nothing', async () => {
		const g = await target(t.db);
		const other = (
			await t.db.query<{ id: number }>(`select id::int from stations where id <> $1 order by id limit 1`, [
				g.station_id
			])
		)[0].id;
		expect(
			await refusal(t.db, async (tx) => {
				await actAs(tx, { app_role: 'station_head', station_id: other });
				await split(tx, g);
			})
		).toMatch(/grid_not_in_station/);
		expect(
			await refusal(t.db, async (tx) => {
				await actAs(tx, { app_role: 'planner' });
				await split(tx, g);
			})
		).toMatch(/grid_edit_not_allowed/);
		expect(
			await refusal(t.db, async (tx) => {
				await actAs(tx, { app_role: 'station_head', station_id: g.station_id });
				await split(tx, g, g.version - 1);
			})
		).toMatch(/grid_conflict/);
		// the same line a degree east misses the grid: nothing to cut
		const short = JSON.stringify({
			type: 'LineString',
			coordinates: (JSON.parse(g.line) as { coordinates: number[][] }).coordinates.map(([x, y]) => [x + 1, y])
		});
		expect(
			await refusal(t.db, async (tx) => {
				await actAs(tx, { app_role: 'admin' });
				await split(tx, g, g.version, short);
			})
		).toMatch(/grid_split_line_invalid/);
		expect(
			await refusal(t.db, async (tx) => {
				await actAs(tx, { app_role: 'admin' });
				await split(tx, g, g.version, '{"type":"Point","coordinates":[28.6,119.2]}');
			})
		).toMatch(/grid_split_line_invalid/);
		const [after] = await t.db.query<{ households: number; version: number }>(
			`select c.households::int, (select id::int from grid_versions where grid_id = $1 and upper_inf(valid)) version
			 from grid_household_counts c where c.grid_id = $1`,
			[g.id]
		);
		expect(after).toEqual({ households: g.households, version: g.version });
	});
});
