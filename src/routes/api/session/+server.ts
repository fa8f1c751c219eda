// Sign in and out by JSON, for scripts, the benchmark and the browser tests; the sign-in page
// uses its form action. Both set the same HttpOnly session cookie.
import { json } from '@sveltejs/kit';
import { dataPort } from '$lib/server/db';
import { endSession, isHttps, startSession } from '$lib/server/session';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, cookies }) => {
	const body = (await request.json().catch(() => null)) as { email?: unknown; password?: unknown } | null;
	if (typeof body?.email !== 'string' || typeof body.password !== 'string')
		return json({ message: 'sign_in_missing' }, { status: 400 });
	const result = await startSession(cookies, await dataPort(), body.email, body.password, isHttps(request));
	if (!result.ok) return json({ message: result.error }, { status: 401 });
	return json({ name: result.session.name, role: result.session.claims.app_metadata?.app_role ?? null });
};

export const DELETE: RequestHandler = ({ cookies }) => {
	endSession(cookies);
	return new Response(null, { status: 204 });
};
