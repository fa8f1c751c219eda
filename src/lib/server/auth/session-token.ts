// The embedded mode's session: the claims and an expiry, signed with HMAC-SHA256 and kept in an
// HttpOnly cookie. A tampered or expired token is refused; nothing is stored server-side.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Claims } from '../db/port.ts';

export interface Session {
	claims: Claims;
	name: string;
	/** epoch seconds */
	exp: number;
}

function sign(body: string, secret: string): string {
	return createHmac('sha256', secret).update(body).digest('base64url');
}

export function issueToken(session: Session, secret: string): string {
	const body = Buffer.from(JSON.stringify(session)).toString('base64url');
	return `${body}.${sign(body, secret)}`;
}

export type TokenCheck =
	{ ok: true; session: Session } | { ok: false; reason: 'malformed' | 'tampered' | 'expired' };

export function readToken(token: string, secret: string, now = Date.now() / 1000): TokenCheck {
	const [body, mac, extra] = token.split('.');
	if (!body || !mac || extra !== undefined) return { ok: false, reason: 'malformed' };
	const expected = Buffer.from(sign(body, secret));
	const given = Buffer.from(mac);
	if (expected.length !== given.length || !timingSafeEqual(expected, given))
		return { ok: false, reason: 'tampered' };
	let session: Session;
	try {
		session = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Session;
	} catch {
		return { ok: false, reason: 'malformed' };
	}
	if (typeof session.exp !== 'number' || session.exp <= now) return { ok: false, reason: 'expired' };
	return { ok: true, session };
}
