// What the station head's assigning panel reads (officer workload, unassigned grids) and the
// one-step accept of suggestions: row-level security decides what each role sees, the numbers
// match the tables, and a batch is all or nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlTransaction } from '../../src/lib/server/db/sql.ts';
import { actAs, errorOf, rolledBack, testDatabase, type TestDatabase } from './engine.ts';

let t: TestDatabase;
let station: number;

interface Workload {
	id: number;
	station_id: number;
	kind: string;
	grids: number;
	helper_grids: number;
	households: number;
	open_incidents: number;
	position: [number, number] | null;
}
interface OpenGrid {
	id: number;
	station_id: number;
	households: number;
	point: [number, number];
}

beforeAll(async () => {
	t = await testDatabase();
	// the station with the most unassigned grids, so a batch has something to do
	station = (
		await t.db.query<{ station_id: number }>(
			`select v.station_id from grids g join villages v on v.id = g.village_id
			 where not exists (select 1 from grid_assignments a where a.grid_id = g.id and a.role = 'primary' and upper_inf(a.during))
			 group by v.station_id order by count(*) desc, v.station_id limit 1`
		)
	)[0].station_id;
});

async function call<T>(tx: SqlTransaction, sql: string, params: (string | number)[] = []): Promise<T> {
	return (await tx.query<{ r: T }>(`select ${sql} as r`, params))[0].r;
}

describe('officer_workload', () => {
	it("shows a station head their own station's officers only, with loads that match the tables", async () => {
		await rolledBack(t.db, async (tx) => {
			const expected = await tx.query<{
				id: number;
				grids: number;
				households: number;
				open_incidents: number;
			}>(
				`select o.id,
				   (select count(*)::int from grid_assignments a where a.officer_id = o.id and a.role = 'primary' and upper_inf(a.during)) grids,
				   (select count(*)::int from households h join grid_assignments a on a.grid_id = h.grid_id
				      where a.officer_id = o.id and a.role = 'primary' and upper_inf(a.during)) households,
				   (select count(*)::int from incidents i join grid_assignments a on a.grid_id = i.grid_id
				      where a.officer_id = o.id and a.role = 'primary' and upper_inf(a.during) and i.status <> 'closed') open_incidents
				 from officers o where o.station_id = $1 and o.status = 'active' order by o.id`,
				[station]
			);
			await actAs(tx, { app_role: 'station_head', station_id: station });
			const rows = await call<Workload[]>(tx, 'public.officer_workload()');
			expect(rows.length).toBe(expected.length);
			expect(new Set(rows.map((r) => r.station_id))).toEqual(new Set([station]));
			const byId = new Map(rows.map((r) => [r.id, r]));
			for (const e of expected) expect(byId.get(e.id), `officer ${e.id}`).toMatchObject(e);
			// somebody carries a real load, or the comparison above proves little
			expect(Math.max(...rows.map((r) => r.households))).toBeGreaterThan(100);
		});
	});

	it('gives anonymous callers nothing', async () => {
		await rolledBack(t.db, async (tx) => {
			await tx.query("select set_config('role', 'anon', true), set_config('request.jwt.claims', '{}', true)");
			expect(await errorOf(tx, 'select public.officer_workload()')).toMatch(/permission denied/);
		});
	});
});

describe('unassigned_grids and assign_officers', () => {
	it('lists exactly the grids without a primary officer, with a point inside each', async () => {
		await rolledBack(t.db, async (tx) => {
			const expected = (
				await tx.query<{ id: number }>(
					`select g.id from grids g join villages v on v.id = g.village_id where v.station_id = $1
					 and not exists (select 1 from grid_assignments a where a.grid_id = g.id and a.role = 'primary' and upper_inf(a.during))
					 order by g.id`,
					[station]
				)
			).map((r) => r.id);
			expect(expected.length).toBeGreaterThan(1);
			await actAs(tx, { app_role: 'station_head', station_id: station });
			const open = await call<OpenGrid[]>(tx, 'public.unassigned_grids()');
			expect(open.map((g) => g.id)).toEqual(expected);
			for (const g of open) {
				const inside = await tx.query<{ ok: boolean }>(
					'select ST_Contains(geom, ST_SetSRID(ST_MakePoint($2, $3), 4326)) ok from grids where id = $1',
					[g.id, g.point[0], g.point[1]]
				);
				expect(inside[0].ok, `grid ${g.id}`).toBe(true);
			}
		});
	});

	it('assigns a whole batch in one step, or nothing when one pair fails', async () => {
		await rolledBack(t.db, async (tx) => {
			await actAs(tx, { app_role: 'station_head', station_id: station });
			const open = await call<OpenGrid[]>(tx, 'public.unassigned_grids()');
			const officers = (await call<Workload[]>(tx, 'public.officer_workload()')).filter(
				(o) => o.kind === 'police'
			);
			const [a, b] = open;
			const auditsBefore = (await tx.query<{ n: number }>('select count(*)::int n from audit_log'))[0].n;

			// the second pair names an officer of another station: the first must not stick either
			const foreign = (
				await tx.query<{ id: number }>(
					`select id from officers where station_id <> $1 and kind = 'police' and status = 'active' order by id limit 1`,
					[station]
				)
			)[0]?.id;
			// officers of other stations are invisible to a head; read it as the table owner first
			expect(
				await errorOf(tx, `select public.assign_officers(array[$1, $2]::bigint[], array[$3, $4]::bigint[])`, [
					a.id,
					b.id,
					officers[0].id,
					foreign ?? 999999
				])
			).toBe('officer_other_station');
			expect((await call<OpenGrid[]>(tx, 'public.unassigned_grids()')).length).toBe(open.length);

			const result = await call<{ assigned: number }>(
				tx,
				`public.assign_officers(array[$1, $2]::bigint[], array[$3, $4]::bigint[])`,
				[a.id, b.id, officers[0].id, officers[1].id]
			);
			expect(result).toEqual({ assigned: 2 });
			const after = await call<OpenGrid[]>(tx, 'public.unassigned_grids()');
			expect(after.map((g) => g.id)).toEqual(open.slice(2).map((g) => g.id));
			const auditsAfter = (await tx.query<{ n: number }>('select count(*)::int n from audit_log'))[0].n;
			expect(auditsAfter - auditsBefore).toBe(2);
			// accepting the same suggestion again is a conflict, not a silent replace
			expect(
				await errorOf(tx, 'select public.assign_officers(array[$1]::bigint[], array[$2]::bigint[])', [
					a.id,
					officers[2].id
				])
			).toBe('assignment_conflict');
		});
	});

	it('refuses the command room', async () => {
		await rolledBack(t.db, async (tx) => {
			const [g] = await tx.query<{ id: number }>(
				`select g.id from grids g where not exists (select 1 from grid_assignments a where a.grid_id = g.id and a.role = 'primary' and upper_inf(a.during)) limit 1`
			);
			const [o] = await tx.query<{ id: number }>(`select id from officers where kind = 'police' limit 1`);
			await actAs(tx, { app_role: 'command' });
			expect(
				await errorOf(tx, 'select public.assign_officers(array[$1]::bigint[], array[$2]::bigint[])', [
					g.id,
					o.id
				])
			).toBe('assign_not_allowed');
		});
	});
});

describe('map_summary', () => {
	it("opens a station head's map on their own villages, inside the command room's view", async () => {
		await rolledBack(t.db, async (tx) => {
			type Bbox = [number, number, number, number];
			await actAs(tx, { app_role: 'command' });
			const all = (await call<{ bbox: Bbox }>(tx, 'public.map_summary()')).bbox;
			await actAs(tx, { app_role: 'station_head', station_id: station });
			const own = (await call<{ bbox: Bbox }>(tx, 'public.map_summary()')).bbox;
			const expected = (
				await tx.query<{ w: number; s: number; e: number; n: number }>(
					`select ST_XMin(x) w, ST_YMin(x) s, ST_XMax(x) e, ST_YMax(x) n
					 from (select ST_Extent(geom)::geometry x from villages where station_id = $1) v`,
					[station]
				)
			)[0];
			expect(own[0]).toBeCloseTo(expected.w, 6);
			expect(own[3]).toBeCloseTo(expected.n, 6);
			expect(own[0]).toBeGreaterThanOrEqual(all[0]);
			expect(own[2]).toBeLessThanOrEqual(all[2]);
			expect((own[2] - own[0]) * (own[3] - own[1])).toBeLessThan(((all[2] - all[0]) * (all[3] - all[1])) / 2);
		});
	});
});
