// Who the request acts as, from the signed session cookie (embedded and self-hosted modes).
// No cookie, a tampered or expired one, or one whose session row has ended means anonymous: the
// hooks then allow nothing but the sign-in page.
import type { Cookies } from '@sveltejs/kit';
import { readEnv } from '../config/env.ts';
import { sessionSecret } from './auth/secret.ts';
import { issueToken, readToken, type Session } from './auth/session-token.ts';
import { endSessionById, sessionById, SESSION_HOURS, signIn, type SignInResult } from './auth/sign-in.ts';
import type { DataPort } from './db/port.ts';

export const SESSION_COOKIE = 'gpm_session';

let secret: string | null = null;
function key(): string {
	secret ??= sessionSecret(readEnv().dataDir);
	return secret;
}

/** The cookie's session id, if the cookie is ours, untampered and unexpired. */
function cookieSessionId(cookies: Cookies): string | null {
	const token = cookies.get(SESSION_COOKIE);
	if (!token) return null;
	const check = readToken(token, key());
	if (check.ok) return check.token.sid;
	// a bad cookie is dropped so the browser stops sending it
	cookies.delete(SESSION_COOKIE, { path: '/' });
	return null;
}

/** One primary-key read per request: a session ended elsewhere ends here at once. */
export async function readSession(cookies: Cookies, port: DataPort): Promise<Session | null> {
	const id = cookieSessionId(cookies);
	if (!id) return null;
	const session = await sessionById(port, id);
	if (!session) cookies.delete(SESSION_COOKIE, { path: '/' });
	return session;
}

export async function startSession(
	cookies: Cookies,
	port: DataPort,
	email: string,
	password: string,
	address: string | null,
	secure: boolean
): Promise<SignInResult> {
	const result = await signIn(port, email, password, address);
	if (result.ok) {
		cookies.set(SESSION_COOKIE, issueToken({ sid: result.session.id, exp: result.session.exp }, key()), {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure,
			maxAge: SESSION_HOURS * 3600
		});
	}
	return result;
}

/**
 * Whether the browser reached us over HTTPS, so the cookie may be marked Secure. adapter-node
 * assumes https when ORIGIN is unset, so its url cannot tell; a TLS proxy says so in
 * x-forwarded-proto, and ORIGIN says so when set. On a plain-http police LAN a Secure cookie
 * would be dropped and nobody could sign in.
 */
export function isHttps(request: Request, env = process.env): boolean {
	if (env.ORIGIN) return env.ORIGIN.startsWith('https:');
	return request.headers.get('x-forwarded-proto') === 'https';
}

/** Ends the session in the database (so a copied cookie stops working too) and drops the cookie. */
export async function endSession(cookies: Cookies, port: DataPort): Promise<void> {
	const id = cookieSessionId(cookies);
	if (id) await endSessionById(port, id);
	cookies.delete(SESSION_COOKIE, { path: '/' });
}
