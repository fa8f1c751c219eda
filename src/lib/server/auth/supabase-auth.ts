// Sign-in with Supabase Auth, when SUPABASE_URL is configured: @supabase/ssr keeps Supabase's
// session in cookies, getClaims() verifies the access token on every request, and the verified
// claims (app_metadata set by admins, never user_metadata) become the request's claims, so the
// same policies apply as in the embedded mode.
import type { Cookies } from '@sveltejs/kit';
import { createServerClient } from '@supabase/ssr';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { AppRole } from '../../types/domain.ts';
import type { Claims } from '../db/port.ts';
import { withAccessToken } from '../db/supabase.ts';
import type { Session } from './session-token.ts';

export function supabaseServerClient(cookies: Cookies, url: string, anonKey: string): SupabaseClient {
	return createServerClient(url, anonKey, {
		cookies: {
			getAll: () => cookies.getAll(),
			setAll: (list) => {
				for (const { name, value, options } of list) cookies.set(name, value, { ...options, path: '/' });
			}
		}
	});
}

/** The verified session, or null when there is none or its token does not verify. */
export async function supabaseSession(client: SupabaseClient): Promise<Session | null> {
	const { data, error } = await client.auth.getClaims();
	if (error || !data?.claims) return null;
	const verified = data.claims;
	// getClaims verified (and if needed refreshed) the token; getSession hands it over for RPC
	const token = (await client.auth.getSession()).data.session?.access_token;
	if (!token) return null;
	const meta = (verified.app_metadata ?? {}) as Record<string, unknown>;
	const claims: Claims = {
		sub: verified.sub,
		role: 'authenticated',
		app_metadata: {
			app_role: meta.app_role as AppRole | undefined,
			station_id: (meta.station_id as number | null | undefined) ?? null,
			county_id: (meta.county_id as number | null | undefined) ?? null,
			officer_id: (meta.officer_id as number | null | undefined) ?? null
		}
	};
	const name =
		(verified.user_metadata as { name?: string } | undefined)?.name ?? verified.email ?? verified.sub;
	return { name, exp: verified.exp, claims: withAccessToken(claims, token) };
}
