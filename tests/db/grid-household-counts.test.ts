// The households per grid the map reads come from a table the triggers keep: after every kind of
// write they must equal a live count of the households, and each caller sees only its grids.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlTransaction } from '../../src/lib/server/db/sql.ts';
import { rolledBack, testDatabase, type TestDatabase } from './engine.ts';

let t: TestDatabase;
beforeAll(async () => {
	t = await testDatabase();
});

interface Mismatch {
	grid_id: number;
	kept: number;
	live: number;
}

/** Grids whose kept counts differ from a live count (households or residents). */
async function mismatches(tx: SqlTransaction): Promise<Mismatch[]> {
	return tx.query<Mismatch>(
		`select g.id::int grid_id, coalesce(c.households, 0)::int kept, coalesce(h.n, 0)::int live
		 from grids g
		 left join grid_household_counts c on c.grid_id = g.id
		 left join (select grid_id, count(*) n, sum(residents) r from households group by grid_id) h on h.grid_id = g.id
		 where coalesce(c.households, 0) <> coalesce(h.n, 0) or coalesce(c.residents, 0) <> coalesce(h.r, 0)`
	);
}

async function kept(tx: SqlTransaction, gridId: number): Promise<{ households: number; residents: number }> {
	const rows = await tx.query<{ households: number; residents: number }>(
		`select households::int, residents::int from grid_household_counts where grid_id = $1`,
		[gridId]
	);
	return rows[0] ?? { households: 0, residents: 0 };
}

/** Two grids with a point inside each. */
async function twoGrids(tx: SqlTransaction): Promise<{ id: number; x: number; y: number }[]> {
	return tx.query<{ id: number; x: number; y: number }>(
		`select g.id::int id, ST_X(p) x, ST_Y(p) y from grids g, ST_PointOnSurface(g.geom) p order by g.id limit 2`
	);
}

describe('grid household counts', () => {
	it('match the households of the demo county', async () => {
		expect(await mismatches(t.db)).toEqual([]);
		const total = await t.db.query<{ n: number }>(`select sum(households)::int n from grid_household_counts`);
		expect(total[0].n).toBe(t.demo.households.length);
		expect(total[0].n).toBeGreaterThan(1000);
	});

	it('follow inserts, moves, resident changes and deletes', async () => {
		await rolledBack(t.db, async (tx) => {
			const [a, b] = await twoGrids(tx);
			const before = { a: await kept(tx, a.id), b: await kept(tx, b.id) };

			// one statement, three households
			await tx.query(
				`insert into households (grid_id, village_id, code, address, residents, geom)
				 select 1, 0, 'probe-count-' || i, '测试地址', 3, ST_SetSRID(ST_MakePoint($1, $2), 4326)
				 from generate_series(1, 3) i`,
				[a.x, a.y]
			);
			expect(await kept(tx, a.id)).toEqual({
				households: before.a.households + 3,
				residents: before.a.residents + 9
			});

			await tx.query(`update households set residents = 5 where code = 'probe-count-1'`);
			expect((await kept(tx, a.id)).residents).toBe(before.a.residents + 11);

			// moving a household to another grid moves its count
			await tx.query(
				`update households set geom = ST_SetSRID(ST_MakePoint($1, $2), 4326), grid_id = $3 where code = 'probe-count-2'`,
				[b.x, b.y, b.id]
			);
			expect(await kept(tx, a.id)).toEqual({
				households: before.a.households + 2,
				residents: before.a.residents + 8
			});
			expect(await kept(tx, b.id)).toEqual({
				households: before.b.households + 1,
				residents: before.b.residents + 3
			});

			await tx.query(`delete from households where code like 'probe-count-%'`);
			expect(await kept(tx, a.id)).toEqual(before.a);
			expect(await kept(tx, b.id)).toEqual(before.b);
			expect(await mismatches(tx)).toEqual([]);
		});
	});

	it('are readable only for the grids the caller can see', async () => {
		await rolledBack(t.db, async (tx) => {
			const station = await tx.query<{ id: number }>(
				`select v.station_id::int id from villages v group by v.station_id order by count(*) desc limit 1`
			);
			// what the station's villages hold, counted as the owner
			const expected = await tx.query<{ grids: number; households: number }>(
				`select count(*)::int grids, sum(c.households)::int households
				 from grid_household_counts c join grids g on g.id = c.grid_id join villages v on v.id = g.village_id
				 where v.station_id = $1`,
				[station[0].id]
			);
			const all = await tx.query<{ n: number }>(`select count(*)::int n from grid_household_counts`);
			await tx.query(
				"select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
				[
					JSON.stringify({
						sub: '00000000-0000-4000-8000-0000000000aa',
						role: 'authenticated',
						app_metadata: { app_role: 'station_head', station_id: station[0].id }
					})
				]
			);
			const seen = await tx.query<{ grids: number; households: number }>(
				`select count(*)::int grids, sum(households)::int households from grid_household_counts`
			);
			expect(expected[0].grids).toBeGreaterThan(0);
			expect(seen[0]).toEqual(expected[0]);
			expect(seen[0].grids).toBeLessThan(all[0].n);
		});
	});
});
