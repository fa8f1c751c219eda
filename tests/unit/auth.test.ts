import { describe, expect, it } from 'vitest';
import { safeNextPath } from '../../src/lib/server/auth/next-path.ts';
import { hashPassword, needsRehash, verifyPassword } from '../../src/lib/server/auth/password.ts';
import { issueToken, readToken, type SessionToken } from '../../src/lib/server/auth/session-token.ts';

const SECRET = 'test-secret-of-enough-length-0123456789';
const token: SessionToken = { sid: '6f1c2a3b-0d4e-4f5a-8b6c-7d8e9f0a1b2c', exp: 2_000_000_000 };

describe('passwords', () => {
	it('verifies the right password only, with a fresh salt each time', async () => {
		const a = await hashPassword('正确的密码 correct');
		const b = await hashPassword('正确的密码 correct');
		expect(a).not.toBe(b);
		expect(await verifyPassword('正确的密码 correct', a)).toBe(true);
		expect(await verifyPassword('正确的密码 wrong', a)).toBe(false);
		expect(await verifyPassword('x', 'md5$abc')).toBe(false);
	});

	it('hashes with one of the scrypt settings OWASP lists today, and asks to rehash weaker hashes', async () => {
		const hash = await hashPassword('demo2026');
		const [, N, r, p] = hash.split('$').map(Number);
		// OWASP Password Storage Cheat Sheet: N=2^17 r=8 p=1, or its equal-strength variants
		const owasp = [
			[2 ** 17, 8, 1],
			[2 ** 16, 8, 2],
			[2 ** 15, 8, 3],
			[2 ** 14, 8, 5],
			[2 ** 13, 8, 10]
		];
		expect(owasp).toContainEqual([N, r, p]);
		expect(needsRehash(hash)).toBe(false);
		const old = 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA$' + Buffer.alloc(32).toString('base64url');
		expect(needsRehash(old)).toBe(true);
	});
});

describe('session tokens', () => {
	it('round-trips the session id and expiry, and nothing else', () => {
		const check = readToken(issueToken(token, SECRET), SECRET, 1_900_000_000);
		expect(check).toEqual({ ok: true, token });
	});

	it('refuses a tampered, re-signed, expired or malformed token', () => {
		const signed = issueToken(token, SECRET);
		const [body, mac] = signed.split('.');
		const forged = Buffer.from(
			JSON.stringify({ ...token, sid: '00000000-0000-4000-8000-000000000001' })
		).toString('base64url');
		expect(readToken(`${forged}.${mac}`, SECRET, 1_900_000_000)).toEqual({ ok: false, reason: 'tampered' });
		expect(readToken(issueToken(token, 'another-secret'), SECRET, 1_900_000_000)).toEqual({
			ok: false,
			reason: 'tampered'
		});
		expect(readToken(signed, SECRET, 2_000_000_001)).toEqual({ ok: false, reason: 'expired' });
		expect(readToken(`${body}`, SECRET)).toEqual({ ok: false, reason: 'malformed' });
		expect(readToken(`${body}.${mac}.x`, SECRET)).toEqual({ ok: false, reason: 'malformed' });
	});
});

describe('the page after signing in', () => {
	it('keeps paths on this site', () => {
		expect(safeNextPath('/campaigns/3?tab=teams#x')).toBe('/campaigns/3?tab=teams#x');
		expect(safeNextPath('/')).toBe('/');
	});

	it('never leaves the site, whatever a crafted link holds', () => {
		for (const next of [
			'//evil.example',
			'/\t/evil.example',
			'/%09/evil.example'.replace('%09', '\t'),
			'/\n/evil.example',
			'/\\evil.example',
			'/\\/evil.example',
			'https://evil.example/',
			'javascript:alert(1)',
			' /x',
			'/ /evil.example'
		]) {
			const safe = safeNextPath(next);
			expect(new URL(safe, 'http://our.site').host, next).toBe('our.site');
			expect(safe.startsWith('//')).toBe(false);
		}
		expect(safeNextPath('/\t/evil.example')).toBe('/');
		expect(safeNextPath(null)).toBe('/');
	});
});
