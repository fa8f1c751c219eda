// Local sessions live in the database: a signed cookie names a row, every request reads it with
// the account's claims as they are now, and signing out, disabling the account or resetting its
// password ends it at once. Sign-in slows down after repeated failures per account and per
// address, answers an unknown account as slowly as a wrong password, and rehashes old hashes.
import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { endSessionById, sessionById, signIn } from '../../src/lib/server/auth/sign-in.ts';
import type { DataPort } from '../../src/lib/server/db/port.ts';
import { rpcPort } from '../../src/lib/server/db/rpc.ts';
import { testDatabase, type TestDatabase } from './engine.ts';

let t: TestDatabase;
let port: DataPort;
let station: number;
const PASSWORD = 'a-long-password';
let hash: string;

beforeAll(async () => {
	t = await testDatabase();
	port = rpcPort(t.db);
	station = (await t.db.query<{ id: number }>('select min(id)::int id from stations'))[0].id;
	hash = await hashPassword(PASSWORD);
});

let accounts = 0;
/** A fresh committed account of its own, so failures and sessions never touch other tests. */
async function account(passwordHash = hash): Promise<{ id: string; email: string }> {
	accounts += 1;
	const email = `session-${accounts}-${Date.now()}@example.org`;
	const [row] = await t.db.query<{ id: string }>(
		`insert into app.accounts (email, display_name, password_hash, app_role, station_id)
		 values ($1, '测试所长', $2, 'station_head', $3) returning id`,
		[email, passwordHash, station]
	);
	return { id: row.id, email };
}

async function signedIn(email: string, address = '10.0.0.1') {
	const result = await signIn(port, email, PASSWORD, address);
	if (!result.ok) throw new Error(result.error);
	return result.session;
}

describe('a session', () => {
	it('carries the account’s claims as they are now, and ends when its owner signs out', async () => {
		const { id, email } = await account();
		const session = await signedIn(email);
		expect(session.claims).toMatchObject({
			sub: id,
			app_metadata: { app_role: 'station_head', station_id: station }
		});
		// a second device keeps its own session
		const other = await signedIn(email);
		await t.db.query(`update app.accounts set app_role = 'planner', station_id = null where id = $1`, [id]);
		expect((await sessionById(port, session.id))?.claims.app_metadata).toMatchObject({
			app_role: 'planner',
			station_id: null
		});
		await endSessionById(port, session.id);
		expect(await sessionById(port, session.id)).toBeNull();
		expect(await sessionById(port, other.id)).not.toBeNull();
	});

	it('ends everywhere when the account is disabled, by the admin page or plain SQL', async () => {
		const { id, email } = await account();
		const a = await signedIn(email);
		const b = await signedIn(email);
		await t.db.query('update app.accounts set disabled = true where id = $1', [id]);
		expect(await sessionById(port, a.id)).toBeNull();
		expect(await sessionById(port, b.id)).toBeNull();
		expect(await t.db.query('select 1 from app.sessions where account_id = $1', [id])).toHaveLength(0);
		expect(await signIn(port, email, PASSWORD, '10.0.0.2')).toEqual({ ok: false, error: 'account_disabled' });
	});

	it('ends when an admin resets the password', async () => {
		const { id, email } = await account();
		const session = await signedIn(email);
		const admin = {
			sub: '00000000-0000-4000-8000-0000000000ad',
			role: 'authenticated' as const,
			app_metadata: { app_role: 'admin' as const }
		};
		await port.call(
			'update_account',
			{ account_id: id, password_hash: await hashPassword('another-password') },
			admin
		);
		expect(await sessionById(port, session.id)).toBeNull();
	});

	it('is not forged: an unknown session id is nobody', async () => {
		expect(await sessionById(port, '6f1c2a3b-0d4e-4f5a-8b6c-7d8e9f0a1b2c')).toBeNull();
	});
});

describe('signing in', () => {
	it('replaces an old, weaker hash with today’s parameters, and keeps other sessions', async () => {
		const weak = 'scrypt$16384$8$1$';
		const { id, email } = await account(await legacyHash());
		const first = await signedIn(email);
		const [row] = await t.db.query<{ password_hash: string }>(
			'select password_hash from app.accounts where id = $1',
			[id]
		);
		expect(row.password_hash.startsWith(weak)).toBe(false);
		expect(row.password_hash.startsWith('scrypt$16384$8$5$')).toBe(true);
		expect(await sessionById(port, first.id)).not.toBeNull();
		await signedIn(email);
	});

	it('slows down after five wrong passwords for an account, whichever address tries', async () => {
		const { email } = await account();
		for (let i = 0; i < 5; i++) {
			expect(await signIn(port, email, 'wrong-password', `10.1.0.${i}`)).toEqual({
				ok: false,
				error: 'invalid_credentials'
			});
		}
		const throttled = await signIn(port, email, PASSWORD, '10.1.0.99');
		expect(throttled).toMatchObject({ ok: false, error: 'sign_in_throttled' });
		if (throttled.ok || throttled.error !== 'sign_in_throttled') throw new Error('not throttled');
		// a minute at most: the real user is never kept out for long
		expect(throttled.retryAfter).toBeGreaterThan(0);
		expect(throttled.retryAfter).toBeLessThanOrEqual(60);
		// once the wait is over (moved into the past here), the right password works and clears the count
		await t.db.query(
			`update app.sign_in_failures set last_failure_at = now() - interval '2 minutes' where key = $1`,
			[`account:${email}`]
		);
		expect((await signIn(port, email, PASSWORD, '10.1.0.99')).ok).toBe(true);
		expect(
			await t.db.query('select 1 from app.sign_in_failures where key = $1', [`account:${email}`])
		).toHaveLength(0);
	});

	it('slows down an address that tries many accounts, and not other addresses', async () => {
		const address = `10.2.${Date.now() % 250}.7`;
		for (let i = 0; i < 20; i++) await signIn(port, `nobody-${i}-${Date.now()}@example.org`, 'x', address);
		const { email } = await account();
		expect(await signIn(port, email, PASSWORD, address)).toMatchObject({ error: 'sign_in_throttled' });
		expect((await signIn(port, email, PASSWORD, '10.2.255.8')).ok).toBe(true);
	});

	it('takes as long for an unknown account as for a wrong password', async () => {
		const { email } = await account();
		const time = async (login: string) => {
			const start = performance.now();
			await signIn(port, login, 'wrong-password', null);
			return performance.now() - start;
		};
		const known: number[] = [];
		const unknown: number[] = [];
		// alternated, so a busy machine slows both alike; three each stays under the five allowed
		for (let i = 0; i < 3; i++) {
			known.push(await time(email));
			unknown.push(await time(`nobody-${i}-${email}`));
		}
		const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
		// both pay for one scrypt of today's strength (~100 ms or more), not a lookup (~1 ms)
		expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
		expect(median(unknown)).toBeGreaterThan(50);
	});
});

/** A hash made with the parameters the app used before (N=2^14, r=8, p=1). */
async function legacyHash(): Promise<string> {
	const { scrypt, randomBytes } = await import('node:crypto');
	const salt = randomBytes(16);
	const key = await new Promise<Buffer>((resolve, reject) =>
		scrypt(PASSWORD.normalize('NFKC'), salt, 32, { N: 16384, r: 8, p: 1 }, (e, k) =>
			e ? reject(e) : resolve(k)
		)
	);
	return ['scrypt', 16384, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}
