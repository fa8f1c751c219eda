// Admins manage local accounts through database functions: only admins, never a password hash
// out, every change audited, the schema's role rules enforced, no admin locking themselves out.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlTransaction } from '../../src/lib/server/db/sql.ts';
import { actAs, asOwner, errorOf, rolledBack, testDatabase, type TestDatabase } from './engine.ts';

let t: TestDatabase;
let admin: { id: string };
let station: number;

beforeAll(async () => {
	t = await testDatabase();
	admin = (
		await t.db.query<{ id: string }>(`select id from app.accounts where app_role = 'admin' limit 1`)
	)[0];
	station = (await t.db.query<{ id: number }>('select id from stations order by id limit 1'))[0].id;
});

const audits = async (tx: SqlTransaction) =>
	(await tx.query<{ n: number }>(`select count(*)::int n from audit_log where table_name = 'accounts'`))[0].n;

describe('account administration', () => {
	it('lets an admin list, create, disable and re-password accounts, auditing each change', async () => {
		await rolledBack(t.db, async (tx) => {
			await actAs(tx, { sub: admin.id, app_role: 'admin', station_id: station });
			const before = await audits(tx);
			const list = (
				await tx.query<{ r: { email: string; password_hash?: string }[] }>('select public.list_accounts() r')
			)[0].r;
			expect(list.map((a) => a.email)).toContain('head@demo.local');
			expect(JSON.stringify(list)).not.toContain('scrypt$');

			const created = (
				await tx.query<{ r: { id: string } }>(
					`select public.create_account(' New.Head@Example.org ', '新所长', 'station_head', $1, null, null, 'scrypt$x') r`,
					[station]
				)
			)[0].r;
			await asOwner(tx);
			const row = (
				await tx.query<{ email: string; disabled: boolean }>(
					'select email, disabled from app.accounts where id = $1',
					[created.id]
				)
			)[0];
			expect(row).toEqual({ email: 'new.head@example.org', disabled: false });
			await actAs(tx, { sub: admin.id, app_role: 'admin', station_id: station });
			expect(await errorOf(tx, `select public.create_account('new.head@example.org', 'x', 'planner')`)).toBe(
				'account_exists'
			);
			// a station head without a station breaks the schema's rule, in words the UI translates
			expect(
				await errorOf(
					tx,
					`select public.create_account('b@example.org', 'x', 'station_head', null, null, null, 'h')`
				)
			).toBe('accounts_station_roles_have_station');

			await tx.query('select public.update_account($1, true, null)', [created.id]);
			await tx.query(`select public.update_account($1, null, 'scrypt$y')`, [created.id]);
			await asOwner(tx);
			const after = (
				await tx.query<{ disabled: boolean; password_hash: string }>(
					'select disabled, password_hash from app.accounts where id = $1',
					[created.id]
				)
			)[0];
			expect(after).toEqual({ disabled: true, password_hash: 'scrypt$y' });
			expect((await audits(tx)) - before).toBe(3);
		});
	});

	it('keeps an admin from disabling their own account', async () => {
		await rolledBack(t.db, async (tx) => {
			await actAs(tx, { sub: admin.id, app_role: 'admin', station_id: station });
			expect(await errorOf(tx, 'select public.update_account($1, true, null)', [admin.id])).toBe(
				'cannot_disable_self'
			);
		});
	});

	it('refuses every other role', async () => {
		await rolledBack(t.db, async (tx) => {
			for (const role of ['command', 'station_head', 'planner', 'officer']) {
				await actAs(tx, { app_role: role, station_id: station });
				expect(await errorOf(tx, 'select public.list_accounts()'), role).toBe('admin_only');
				expect(await errorOf(tx, `select public.create_account('x@example.org', 'x', 'admin')`), role).toBe(
					'admin_only'
				);
				expect(await errorOf(tx, 'select public.update_account($1, true, null)', [admin.id]), role).toBe(
					'admin_only'
				);
			}
			await tx.query("select set_config('role', 'anon', true)");
			expect(await errorOf(tx, 'select public.list_accounts()')).toMatch(/permission denied/);
		});
	});
});
