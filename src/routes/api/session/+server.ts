// Sign in and out by JSON, for scripts, the benchmark and the browser tests; the sign-in page
// uses its form action. Both set the same HttpOnly session cookie.
import { json } from '@sveltejs/kit';
import { dataPort } from '$lib/server/db';
import { endSession, isHttps, startSession } from '$lib/server/session';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, cookies, locals }) => {
	const body = (await request.json().catch(() => null)) as { email?: unknown; password?: unknown } | null;
	if (typeof body?.email !== 'string' || typeof body.password !== 'string')
		return json({ message: 'sign_in_missing' }, { status: 400 });
	if (locals.supabase) {
		// Supabase Auth sets its own session cookies through @supabase/ssr
		const { data, error } = await locals.supabase.auth.signInWithPassword({
			email: body.email.trim(),
			password: body.password
		});
		if (error || !data.user) return json({ message: 'invalid_credentials' }, { status: 401 });
		return json({ name: data.user.email, role: data.user.app_metadata?.app_role ?? null });
	}
	const result = await startSession(cookies, await dataPort(), body.email, body.password, isHttps(request));
	if (!result.ok) return json({ message: result.error }, { status: 401 });
	return json({ name: result.session.name, role: result.session.claims.app_metadata?.app_role ?? null });
};

export const DELETE: RequestHandler = async ({ cookies, locals }) => {
	if (locals.supabase) await locals.supabase.auth.signOut();
	endSession(cookies);
	return new Response(null, { status: 204 });
};
