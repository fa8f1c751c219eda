import type { Claims } from '$lib/server/db/port';
import type { Session } from '$lib/server/auth/session-token';
import type { SupabaseClient } from '@supabase/supabase-js';

declare global {
	namespace App {
		interface Locals {
			/** the signed-in user's session; null = anonymous */
			session: Session | null;
			/** Supabase's server client, when SUPABASE_URL is configured */
			supabase?: SupabaseClient;
			/** who is asking, as the database sees it; null = anonymous */
			claims: Claims | null;
		}
		interface Error {
			message: string;
			/** i18n key of the message, when the error comes from a known rule */
			key?: string;
		}
	}
}

export {};
