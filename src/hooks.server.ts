import { json, redirect, type Handle, type HandleServerError } from '@sveltejs/kit';
import { withBasemapPolicy } from '$lib/server/basemap-csp';
import { gzipJson } from '$lib/server/compression';
import { dataPort } from '$lib/server/db';
import { readEnv } from '$lib/config/env';
import { supabaseServerClient, supabaseSession } from '$lib/server/auth/supabase-auth';
import { readSession } from '$lib/server/session';

// Open (and migrate) the database when the server starts, not on the first click.
const ready = dataPort();
const supabase = readEnv().supabase;

// adapter-node closes HTTP on SIGTERM/SIGINT, then emits this; the open database would keep the
// process (and its data directory) alive forever.
process.on('sveltekit:shutdown', () => {
	void ready.then((db) => db.close());
});

/** What an anonymous visitor may reach: the sign-in page, its API, and the basemap's land. */
const PUBLIC_PATHS = [/^\/login\/?$/, /^\/api\/session\/?$/, /^\/basemap\//];

export const handle: Handle = async ({ event, resolve }) => {
	await ready;
	if (supabase) event.locals.supabase = supabaseServerClient(event.cookies, supabase.url, supabase.anonKey);
	const session = event.locals.supabase
		? await supabaseSession(event.locals.supabase)
		: readSession(event.cookies);
	event.locals.session = session;
	event.locals.claims = session?.claims ?? null;
	const path = event.url.pathname;
	if (!session && !PUBLIC_PATHS.some((p) => p.test(path))) {
		if (path.startsWith('/api/')) return json({ message: 'sign_in_required' }, { status: 401 });
		redirect(303, `/login?next=${encodeURIComponent(path + event.url.search)}`);
	}
	const response = await withBasemapPolicy(await resolve(event), path, event.locals.claims, event.url.origin);
	return gzipJson(event.request, response);
};

export const handleError: HandleServerError = ({ error, status }) => {
	if (status !== 404) console.error(error);
	return { message: status === 404 ? 'not_found' : 'server_error' };
};
