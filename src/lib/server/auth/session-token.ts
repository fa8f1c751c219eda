// The embedded mode's session cookie: the session row's id and its expiry, signed with
// HMAC-SHA256. A tampered or expired token is refused before the database is asked; the row
// (app.sessions) decides whether the session still stands and what its claims are now.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Claims } from '../db/port.ts';

/** What a request acts as. */
export interface Session {
	/** the local session's row (app.sessions); Supabase sessions have none */
	id?: string;
	claims: Claims;
	name: string;
	/** epoch seconds */
	exp: number;
}

/** What the cookie carries. */
export interface SessionToken {
	sid: string;
	/** epoch seconds */
	exp: number;
}

function sign(body: string, secret: string): string {
	return createHmac('sha256', secret).update(body).digest('base64url');
}

export function issueToken(token: SessionToken, secret: string): string {
	const body = Buffer.from(JSON.stringify({ sid: token.sid, exp: token.exp })).toString('base64url');
	return `${body}.${sign(body, secret)}`;
}

export type TokenCheck =
	{ ok: true; token: SessionToken } | { ok: false; reason: 'malformed' | 'tampered' | 'expired' };

export function readToken(token: string, secret: string, now = Date.now() / 1000): TokenCheck {
	const [body, mac, extra] = token.split('.');
	if (!body || !mac || extra !== undefined) return { ok: false, reason: 'malformed' };
	const expected = Buffer.from(sign(body, secret));
	const given = Buffer.from(mac);
	if (expected.length !== given.length || !timingSafeEqual(expected, given))
		return { ok: false, reason: 'tampered' };
	let parsed: Partial<SessionToken>;
	try {
		parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<SessionToken>;
	} catch {
		return { ok: false, reason: 'malformed' };
	}
	// a cookie from before sessions had rows carries no sid: signed, but no longer a session
	if (typeof parsed.sid !== 'string' || !UUID.test(parsed.sid)) return { ok: false, reason: 'malformed' };
	if (typeof parsed.exp !== 'number' || parsed.exp <= now) return { ok: false, reason: 'expired' };
	return { ok: true, token: { sid: parsed.sid, exp: parsed.exp } };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
