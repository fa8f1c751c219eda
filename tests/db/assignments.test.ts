// Assigning officers to grids goes through the database functions, which decide: own station
// only, one active primary per grid, no retired officer, every change audited, conflicts named.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlTransaction } from '../../src/lib/server/db/sql.ts';
import {
	actAs,
	asOwner,
	errorOf,
	rolledBack,
	testDatabase,
	type Caller,
	type TestDatabase
} from './engine.ts';

let t: TestDatabase;
let grid: { id: number; station_id: number };
let free: number[];
let foreignGrid: number;

beforeAll(async () => {
	t = await testDatabase();
	// an unassigned grid, and police officers of its station
	grid = (
		await t.db.query<{ id: number; station_id: number }>(
			`select g.id, v.station_id from grids g join villages v on v.id = g.village_id
			 where not exists (select 1 from grid_assignments a where a.grid_id = g.id and a.role = 'primary' and upper_inf(a.during))
			 order by g.id limit 1`
		)
	)[0];
	// the demo leaves grids without a primary officer for the planner to find
	expect(grid, 'an unassigned grid').toBeDefined();
	free = (
		await t.db.query<{ id: number }>(
			`select id from officers where station_id = $1 and kind = 'police' and status = 'active' order by id limit 3`,
			[grid.station_id]
		)
	).map((r) => r.id);
	foreignGrid = (
		await t.db.query<{ id: number }>(
			`select g.id from grids g join villages v on v.id = g.village_id where v.station_id <> $1 order by g.id limit 1`,
			[grid.station_id]
		)
	)[0]?.id;
	expect(foreignGrid, 'a grid of another station').toBeDefined();
});

/** A station head; the audit checks below name this caller. */
function head(station: number): Caller {
	return { sub: '00000000-0000-4000-8000-0000000000b1', app_role: 'station_head', station_id: station };
}

const audits = async (tx: SqlTransaction, gridId: number) =>
	(
		await tx.query<{ n: number }>(
			`select count(*)::int n from audit_log where table_name = 'grid_assignments' and coalesce(after, before) ->> 'grid_id' = $1::text`,
			[gridId]
		)
	)[0].n;

describe('assign_officer', () => {
	it('lets a station head assign, replace and unassign in their own station, auditing each change', async () => {
		expect(free.length).toBeGreaterThanOrEqual(2);
		await rolledBack(t.db, async (tx) => {
			await actAs(tx, head(grid.station_id));
			const first = await tx.query<{ r: { changed: boolean } }>('select assign_officer($1, $2) r', [
				grid.id,
				free[0]
			]);
			expect(first[0].r.changed).toBe(true);
			// replacing needs to name the officer the head saw
			expect(await errorOf(tx, 'select assign_officer($1, $2)', [grid.id, free[1]])).toBe(
				'assignment_conflict'
			);
			await tx.query('select assign_officer($1, $2, $3, $4)', [grid.id, free[1], 'primary', free[0]]);
			await tx.query('select unassign_officer($1, $2)', [grid.id, free[1]]);
			await asOwner(tx);
			const rows = await tx.query<{ officer_id: number; active: boolean }>(
				`select officer_id, upper_inf(during) active from grid_assignments where grid_id = $1 and role = 'primary' order by id`,
				[grid.id]
			);
			expect(rows).toEqual([
				{ officer_id: free[0], active: false },
				{ officer_id: free[1], active: false }
			]);
			const log = await tx.query<{ action: string; actor: string }>(
				`select action, actor::text from audit_log where table_name = 'grid_assignments' and coalesce(after, before) ->> 'grid_id' = $1::text order by id`,
				[grid.id]
			);
			expect(log.map((l) => l.action)).toEqual(['assign', 'replace', 'unassign']);
			expect(new Set(log.map((l) => l.actor))).toEqual(new Set(['00000000-0000-4000-8000-0000000000b1']));
		});
	});

	it('refuses another station’s grid, other roles, retired officers and assistants as primary', async () => {
		expect(free.length).toBeGreaterThanOrEqual(3);
		await rolledBack(t.db, async (tx) => {
			// a retired officer of the station, made here so the check never depends on the demo
			await tx.query(`update officers set status = 'retired' where id = $1`, [free[2]]);
			const assistant = await tx.query<{ id: number }>(
				`select id from officers where station_id = $1 and kind = 'assistant' order by id limit 1`,
				[grid.station_id]
			);
			expect(assistant).toHaveLength(1);
			const otherOfficer = await tx.query<{ id: number }>(
				`select id from officers where station_id <> $1 and kind = 'police' limit 1`,
				[grid.station_id]
			);
			expect(otherOfficer).toHaveLength(1);
			await actAs(tx, head(grid.station_id));
			expect(await errorOf(tx, 'select assign_officer($1, $2)', [foreignGrid, free[0]])).toBe(
				'grid_not_in_station'
			);
			expect(await errorOf(tx, 'select assign_officer($1, $2)', [grid.id, otherOfficer[0].id])).toBe(
				'officer_other_station'
			);
			expect(await errorOf(tx, 'select assign_officer($1, $2)', [grid.id, free[2]])).toBe('officer_retired');
			expect(await errorOf(tx, 'select assign_officer($1, $2)', [grid.id, assistant[0].id])).toBe(
				'assistant_cannot_be_primary'
			);
			await actAs(tx, { app_role: 'command' });
			expect(await errorOf(tx, 'select assign_officer($1, $2)', [grid.id, free[0]])).toBe(
				'assign_not_allowed'
			);
			await asOwner(tx);
			expect(await audits(tx, grid.id)).toBe(0);
			expect(
				(
					await tx.query<{ n: number }>(
						`select count(*)::int n from grid_assignments where grid_id = $1 and role = 'primary' and upper_inf(during)`,
						[grid.id]
					)
				)[0].n
			).toBe(0);
		});
	});
});

describe('two station heads assigning one grid at the same moment', () => {
	it.runIf(process.env.DB_ENGINE === 'postgres')(
		'lets exactly one win; the other gets a conflict and nothing is half-written',
		async () => {
			let release: () => void = () => {};
			const firstInserted = new Promise<void>((r) => (release = r));
			const attempt = (officer: number, hold: boolean) =>
				t.db.transaction(async (tx) => {
					await actAs(tx, head(grid.station_id));
					if (!hold) await firstInserted;
					const r = await tx.query('select assign_officer($1, $2)', [grid.id, officer]);
					if (hold) {
						release();
						// keep the transaction open while the other one runs into the constraint
						await new Promise((r) => setTimeout(r, 300));
					}
					return r;
				});
			const results = await Promise.allSettled([attempt(free[0], true), attempt(free[1], false)]);
			expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
			expect(String((results[1] as PromiseRejectedResult).reason?.message)).toMatch(/assignment_conflict/);
			const rows = await t.db.query<{ officer_id: number }>(
				`select officer_id from grid_assignments where grid_id = $1 and role = 'primary' and upper_inf(during)`,
				[grid.id]
			);
			expect(rows).toEqual([{ officer_id: free[0] }]);
			const log = await t.db.query<{ n: number }>(
				`select count(*)::int n from audit_log where table_name = 'grid_assignments' and after ->> 'grid_id' = $1::text`,
				[grid.id]
			);
			expect(log[0].n).toBe(1);
		}
	);
});
