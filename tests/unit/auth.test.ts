import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/lib/server/auth/password.ts';
import { issueToken, readToken, type Session } from '../../src/lib/server/auth/session-token.ts';

const SECRET = 'test-secret-of-enough-length-0123456789';
const session: Session = {
	name: '王所长',
	exp: 2_000_000_000,
	claims: {
		sub: '00000000-0000-4000-8000-000000000002',
		role: 'authenticated',
		app_metadata: { app_role: 'station_head', station_id: 3 }
	}
};

describe('passwords', () => {
	it('verifies the right password only, with a fresh salt each time', async () => {
		const a = await hashPassword('正确的密码 correct');
		const b = await hashPassword('正确的密码 correct');
		expect(a).not.toBe(b);
		expect(await verifyPassword('正确的密码 correct', a)).toBe(true);
		expect(await verifyPassword('正确的密码 wrong', a)).toBe(false);
		expect(await verifyPassword('x', 'md5$abc')).toBe(false);
	});
});

describe('session tokens', () => {
	it('round-trips the claims', () => {
		const check = readToken(issueToken(session, SECRET), SECRET, 1_900_000_000);
		expect(check).toEqual({ ok: true, session });
	});

	it('refuses a tampered, re-signed, expired or malformed token', () => {
		const token = issueToken(session, SECRET);
		const [body, mac] = token.split('.');
		const forged = Buffer.from(
			JSON.stringify({ ...session, claims: { ...session.claims, app_metadata: { app_role: 'admin' } } })
		).toString('base64url');
		expect(readToken(`${forged}.${mac}`, SECRET, 1_900_000_000)).toEqual({ ok: false, reason: 'tampered' });
		expect(readToken(issueToken(session, 'another-secret'), SECRET, 1_900_000_000)).toEqual({
			ok: false,
			reason: 'tampered'
		});
		expect(readToken(token, SECRET, 2_000_000_001)).toEqual({ ok: false, reason: 'expired' });
		expect(readToken(`${body}`, SECRET)).toEqual({ ok: false, reason: 'malformed' });
		expect(readToken(`${body}.${mac}.x`, SECRET)).toEqual({ ok: false, reason: 'malformed' });
	});
});
