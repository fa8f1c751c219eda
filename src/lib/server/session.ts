// Who the request acts as, from the signed session cookie (embedded and self-hosted modes).
// No cookie, or a tampered or expired one, means anonymous: the hooks then allow nothing but
// the sign-in page.
import type { Cookies } from '@sveltejs/kit';
import { readEnv } from '../config/env.ts';
import { sessionSecret } from './auth/secret.ts';
import { issueToken, readToken, type Session } from './auth/session-token.ts';
import { SESSION_HOURS, signIn, type SignInResult } from './auth/sign-in.ts';
import type { DataPort } from './db/port.ts';

export const SESSION_COOKIE = 'gpm_session';

let secret: string | null = null;
function key(): string {
	secret ??= sessionSecret(readEnv().dataDir);
	return secret;
}

export function readSession(cookies: Cookies): Session | null {
	const token = cookies.get(SESSION_COOKIE);
	if (!token) return null;
	const check = readToken(token, key());
	if (check.ok) return check.session;
	// a bad cookie is dropped so the browser stops sending it
	cookies.delete(SESSION_COOKIE, { path: '/' });
	return null;
}

export async function startSession(
	cookies: Cookies,
	port: DataPort,
	email: string,
	password: string,
	secure: boolean
): Promise<SignInResult> {
	const result = await signIn(port, email, password);
	if (result.ok) {
		cookies.set(SESSION_COOKIE, issueToken(result.session, key()), {
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

export function endSession(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { path: '/' });
}
