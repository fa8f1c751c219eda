import { json, redirect, type Handle, type HandleServerError } from '@sveltejs/kit';
import { withBasemapPolicy } from '$lib/server/basemap-csp';
import { gzipJson } from '$lib/server/compression';
import { dataPort } from '$lib/server/db';
import { readEnv } from '$lib/config/env';
import { readSession } from '$lib/server/session';

// Open (and migrate) the database when the server starts, not on the first click.
const ready = dataPort();
const supabase = readEnv().supabase;

// adapter-node closes HTTP on SIGTERM/SIGINT, then emits this; the open database would keep the
// process (and its data directory) alive forever.
process.on('sveltekit:shutdown', () => {
	void ready.then((db) => db.close());
});

// loaded only when configured: supabase-js warns on Node 20 at import, noise in embedded mode
let supabaseAuthModule: Promise<typeof import('$lib/server/auth/supabase-auth')> | null = null;
const supabaseAuth = () => (supabaseAuthModule ??= import('$lib/server/auth/supabase-auth'));

/** What an anonymous visitor may reach: the sign-in page, its API, and the basemap's land. */
const PUBLIC_PATHS = [/^\/login\/?$/, /^\/api\/session\/?$/, /^\/basemap\//];

export const handle: Handle = async ({ event, resolve }) => {
	await ready;
	let session: App.Locals['session'];
	if (supabase) {
		const auth = await supabaseAuth();
		event.locals.supabase = auth.supabaseServerClient(event.cookies, supabase.url, supabase.anonKey);
		session = await auth.supabaseSession(event.locals.supabase);
	} else session = await readSession(event.cookies, await ready);
	event.locals.session = session;
	event.locals.claims = session?.claims ?? null;
	const path = event.url.pathname;
	if (!session && !PUBLIC_PATHS.some((p) => p.test(path))) {
		if (path.startsWith('/api/')) return json({ message: 'sign_in_required' }, { status: 401 });
		redirect(303, `/login?next=${encodeURIComponent(path + event.url.search)}`);
	}
	const response = await withBasemapPolicy(await resolve(event), path, event.locals.claims, event.url.origin);
	return gzipJson(event.request, withFramePolicy(response));
};

/**
 * No page of ours may be framed by another site (clickjacking a sign-in or an assignment):
 * frame-ancestors for today's browsers, X-Frame-Options for old ones. A second CSP header is
 * enforced alongside SvelteKit's own.
 */
function withFramePolicy(response: Response): Response {
	try {
		response.headers.set('x-frame-options', 'DENY');
		response.headers.append('content-security-policy', "frame-ancestors 'none'");
		response.headers.set('x-content-type-options', 'nosniff');
		response.headers.set('referrer-policy', 'same-origin');
		return response;
	} catch {
		// a fetched Response has immutable headers: copy it
		const copy = new Response(response.body, response);
		return withFramePolicy(copy);
	}
}

export const handleError: HandleServerError = ({ error, status }) => {
	if (status !== 404) console.error(error);
	return { message: status === 404 ? 'not_found' : 'server_error' };
};
