// Production transport: supabase-js `.rpc()` with the signed-in user's token, so PostgREST sets
// role and claims and row-level security applies as on the other engines.
import { createClient } from '@supabase/supabase-js';
import { toDataError } from './errors.ts';
import { assertIdentifier, type AnyRpcArgs, type Claims, type DataPort } from './port.ts';

// The signed-in user's access token travels with their claims object, never inside it: the
// claims are JSON that other transports copy into request.jwt.claims.
const tokens = new WeakMap<Claims, string>();

export function withAccessToken(claims: Claims, token: string): Claims {
	tokens.set(claims, token);
	return claims;
}

/** This transport never opens Realtime, but supabase-js refuses to start on Node 20 (no global
 * WebSocket) unless it is given one. */
class NoRealtime {
	constructor() {
		throw new Error('realtime_unavailable');
	}
}

/** `fetchFn` lets tests answer as PostgREST would without a server. */
export function supabasePort(url: string, anonKey: string, fetchFn?: typeof fetch): DataPort {
	async function rpc(fn: string, args: AnyRpcArgs, claims: Claims | null): Promise<unknown> {
		assertIdentifier(fn);
		const token = claims ? tokens.get(claims) : undefined;
		const client = createClient(url, anonKey, {
			auth: { persistSession: false, autoRefreshToken: false },
			realtime: { transport: (globalThis.WebSocket ?? NoRealtime) as never },
			global: { fetch: fetchFn, headers: token ? { Authorization: `Bearer ${token}` } : {} }
		});
		const { data, error } = await client.rpc(fn, args);
		if (error) throw toDataError(error);
		return data;
	}
	return {
		transport: 'supabase',
		// claims travel inside the token; PostgREST verifies it
		call: async (fn, args, claims) => (await rpc(fn, args, claims)) as never,
		callJson: async (fn, args, claims) => JSON.stringify(await rpc(fn, args, claims)),
		async listen() {
			// nothing to listen to: with Supabase the live hub polls changes_since (live/hub.ts)
			return async () => {};
		},
		close: async () => {}
	};
}
