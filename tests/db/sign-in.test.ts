// Local sign-in through the data port: the account is read as service_role only, the password
// checked, and the session carries the claims the policies read.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/seed/accounts.ts';
import { listDemoAccounts, signIn } from '../../src/lib/server/auth/sign-in.ts';
import { rpcPort } from '../../src/lib/server/db/rpc.ts';
import type { DataPort } from '../../src/lib/server/db/port.ts';
import { testDatabase, type TestDatabase } from './engine.ts';

let t: TestDatabase;
let port: DataPort;
beforeAll(async () => {
	t = await testDatabase();
	port = rpcPort(t.db);
});

describe('local sign-in', () => {
	it('signs a station head in with the claims of their station', async () => {
		const before = Date.now() / 1000;
		const result = await signIn(port, ' HEAD@demo.local ', DEMO_PASSWORD);
		if (!result.ok) throw new Error(result.error);
		const station = (
			await t.db.query<{ station_id: number }>(
				`select station_id from app.accounts where email = 'head@demo.local'`
			)
		)[0];
		expect(result.session.claims).toMatchObject({
			role: 'authenticated',
			app_metadata: { app_role: 'station_head', station_id: station.station_id }
		});
		expect(result.session.exp).toBeGreaterThanOrEqual(Math.floor(before + 12 * 3600) - 1);
		expect(result.session.exp).toBeLessThanOrEqual(Date.now() / 1000 + 12 * 3600 + 1);
	});

	it('gives the same answer for a wrong password and an unknown account', async () => {
		expect(await signIn(port, 'head@demo.local', 'wrong')).toEqual({
			ok: false,
			error: 'invalid_credentials'
		});
		expect(await signIn(port, 'nobody@demo.local', DEMO_PASSWORD)).toEqual({
			ok: false,
			error: 'invalid_credentials'
		});
	});

	it('lists one demo account per role', async () => {
		const roles = new Set((await listDemoAccounts(port)).map((a) => a.app_role));
		expect(roles).toEqual(new Set(['command', 'station_head', 'planner', 'officer', 'admin']));
	});

	it('keeps password hashes away from signed-in users and anonymous callers', async () => {
		const head = {
			sub: '00000000-0000-4000-8000-0000000000d1',
			role: 'authenticated' as const,
			app_metadata: { app_role: 'admin' as const }
		};
		await expect(port.call('account_for_sign_in', { login: 'head@demo.local' }, head)).rejects.toThrow(
			/permission denied/
		);
		await expect(port.call('account_for_sign_in', { login: 'head@demo.local' }, null)).rejects.toThrow(
			/permission denied/
		);
		await expect(port.call('demo_accounts', {}, head)).rejects.toThrow(/permission denied/);
	});
});
