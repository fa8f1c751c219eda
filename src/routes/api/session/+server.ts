// Sign in (POST, JSON) and out (DELETE): the sign-in page, the app bar's sign-out, the simulator,
// the benchmark and the browser tests all use it (JSON, not a form, so no ORIGIN setup for
// SvelteKit's CSRF check). Embedded and self-hosted modes set the signed HttpOnly session
// cookie naming a session row; with Supabase, @supabase/ssr sets Supabase Auth's own cookies.
import { json } from '@sveltejs/kit';
import { parseBody } from '$lib/server/body';
import { dataPort } from '$lib/server/db';
import { endSession, isHttps, startSession } from '$lib/server/session';
import { SignIn } from '$lib/server/request-schemas';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, cookies, locals, getClientAddress }) => {
	const { email, password } = await parseBody(request, SignIn);
	if (locals.supabase) {
		const { data, error } = await locals.supabase.auth.signInWithPassword({ email: email.trim(), password });
		if (error || !data.user) return json({ message: 'invalid_credentials' }, { status: 401 });
		return json({ name: data.user.email, role: data.user.app_metadata?.app_role ?? null });
	}
	const port = await dataPort();
	const result = await startSession(
		cookies,
		port,
		email,
		password,
		clientAddress(getClientAddress),
		isHttps(request)
	);
	if (!result.ok) {
		if (result.error === 'sign_in_throttled')
			return json(
				{ message: result.error, detail: String(result.retryAfter) },
				{ status: 429, headers: { 'retry-after': String(result.retryAfter) } }
			);
		return json({ message: result.error }, { status: 401 });
	}
	return json({ name: result.session.name, role: result.session.claims.app_metadata?.app_role ?? null });
};

export const DELETE: RequestHandler = async ({ cookies, locals }) => {
	if (locals.supabase) await locals.supabase.auth.signOut();
	else await endSession(cookies, await dataPort());
	return new Response(null, { status: 204 });
};

/** The caller's address for counting failures; none when the server cannot tell (no socket). */
function clientAddress(get: () => string): string | null {
	try {
		return get();
	} catch {
		return null;
	}
}
