// Production transport: supabase-js `.rpc()` with the signed-in user's token, so PostgREST sets
// role and claims and row-level security applies as on the other engines.
import { createClient } from '@supabase/supabase-js';
import { DataError, assertIdentifier, type Claims, type DataPort, type RpcArgs } from './port.ts';

// The signed-in user's access token travels with their claims object, never inside it: the
// claims are JSON that other transports copy into request.jwt.claims.
const tokens = new WeakMap<Claims, string>();

export function withAccessToken(claims: Claims, token: string): Claims {
	tokens.set(claims, token);
	return claims;
}

export function supabasePort(url: string, anonKey: string): DataPort {
	async function rpc(fn: string, args: RpcArgs, claims: Claims | null): Promise<unknown> {
		assertIdentifier(fn);
		const token = claims ? tokens.get(claims) : undefined;
		const client = createClient(url, anonKey, {
			auth: { persistSession: false, autoRefreshToken: false },
			global: token ? { headers: { Authorization: `Bearer ${token}` } } : {}
		});
		const { data, error } = await client.rpc(fn, args);
		if (error) throw new DataError(error.message, error.details ?? undefined, error.code);
		return data;
	}
	return {
		transport: 'supabase',
		// claims travel inside the token; PostgREST verifies it
		call: async <T>(fn: string, args: RpcArgs, claims: Claims | null) => (await rpc(fn, args, claims)) as T,
		callJson: async (fn, args, claims) => JSON.stringify(await rpc(fn, args, claims)),
		async listen() {
			// Realtime replaces LISTEN/NOTIFY with Supabase; the live issue wires it.
			return async () => {};
		},
		close: async () => {}
	};
}
