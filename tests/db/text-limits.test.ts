// Every text a person can type has a limit in the database, named by the message key the UI
// translates; a text over it is refused on every path and nothing is stored.
import { beforeAll, describe, expect, it } from 'vitest';
import { errorOf, rolledBack, testDatabase, type TestDatabase } from './engine.ts';

let t: TestDatabase;
beforeAll(async () => {
	t = await testDatabase();
});

// written only by our own functions and triggers, from values that are bounded already
const INTERNAL = new Set([
	'public.audit_log.action',
	'public.audit_log.table_name',
	'public.grid_versions.code',
	'public.grid_versions.name',
	'public.campaign_households.last_outcome'
]);

describe('text limits', () => {
	it('bound every text column of our tables (or it is written by our functions only)', async () => {
		const unbounded = await t.db.query<{ col: string }>(
			`select n.nspname || '.' || c.relname || '.' || a.attname as col
			 from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
			 where n.nspname in ('public', 'app') and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
			   and a.atttypid in ('text'::regtype, 'text[]'::regtype)
			   and not exists (select 1 from pg_constraint k where k.conrelid = c.oid and k.contype = 'c'
			                   and a.attnum = any(k.conkey))
			 order by 1`
		);
		expect(unbounded.map((u) => u.col).filter((c) => !INTERNAL.has(c))).toEqual([]);
	});

	it('refuse a long campaign name through the planning function, and store nothing', async () => {
		await rolledBack(t.db, async (tx) => {
			const [{ township }] = await tx.query<{ township: number }>(
				'select min(id)::int township from townships'
			);
			await tx.query(
				"select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
				[
					JSON.stringify({
						sub: '00000000-0000-4000-8000-0000000000f1',
						role: 'authenticated',
						app_metadata: { app_role: 'admin' }
					})
				]
			);
			const plan = (name: string) =>
				JSON.stringify({
					name,
					starts_on: '2026-12-01',
					ends_on: '2026-12-31',
					scope: { township_ids: [township] },
					block_count: 1
				});
			expect(await errorOf(tx, 'select create_campaign($1::text)', [plan('长'.repeat(101))])).toBe(
				'name_too_long'
			);
			expect(await errorOf(tx, 'select create_campaign($1::text)', [plan('长'.repeat(100))])).toBeNull();
			await tx.query('reset role');
			const [{ n }] = await tx.query<{ n: number }>(
				`select count(*)::int n from campaigns where name like '长长长%'`
			);
			expect(n).toBe(1);
		});
	});

	it('refuse long texts written in plain SQL, each with its own key', async () => {
		await rolledBack(t.db, async (tx) => {
			expect(
				await errorOf(
					tx,
					`update officers set phone = repeat('1', 33) where id = (select min(id) from officers)`
				)
			).toBe('phone_too_long');
			expect(
				await errorOf(
					tx,
					`update households set address = repeat('路', 201) where id = (select min(id) from households)`
				)
			).toBe('address_too_long');
			expect(
				await errorOf(
					tx,
					`update incidents set summary = repeat('案', 2001) where id = (select min(id) from incidents)`
				)
			).toBe('summary_too_long');
			expect(
				await errorOf(
					tx,
					`update app.accounts set display_name = repeat('名', 101) where email = 'head@demo.local'`
				)
			).toBe('display_name_too_long');
			expect(
				await errorOf(tx, `update grids set name = repeat('格', 101) where id = (select min(id) from grids)`)
			).toBe('name_too_long');
		});
	});
});
