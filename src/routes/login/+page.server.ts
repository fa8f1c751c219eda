import { redirect } from '@sveltejs/kit';
import { DEMO_PASSWORD } from '$lib/server/auth/demo';
import { safeNextPath } from '$lib/server/auth/next-path';
import { listDemoAccounts } from '$lib/server/auth/sign-in';
import { dataPort } from '$lib/server/db';
import type { PageServerLoad } from './$types';

// Signing in itself goes through POST /api/session (JSON), so the page works behind any host
// name or proxy without configuring ORIGIN for SvelteKit's form CSRF check.
export const load: PageServerLoad = async ({ locals, url }) => {
	const next = safeNextPath(url.searchParams.get('next'));
	if (locals.session) redirect(303, next);
	const port = await dataPort();
	// Supabase accounts live in Supabase Auth; demo accounts exist only in the embedded modes
	const demo = port.transport === 'supabase' ? [] : await listDemoAccounts(port);
	return { next, demoAccounts: demo, demoPassword: demo.length > 0 ? DEMO_PASSWORD : null };
};
