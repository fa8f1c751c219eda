// Production transport: supabase-js `.rpc()` with the signed-in user's token, so PostgREST sets
// role and claims and row-level security applies as on the other engines.
import { createClient } from '@supabase/supabase-js';
import { DataError, assertIdentifier, type Claims, type DataPort, type RpcArgs } from './port.ts';

export function supabasePort(
	url: string,
	anonKey: string,
	accessToken: () => string | null = () => null
): DataPort {
	async function rpc(fn: string, args: RpcArgs): Promise<unknown> {
		assertIdentifier(fn);
		const token = accessToken();
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
		call: async <T>(fn: string, args: RpcArgs, _claims: Claims | null) => (await rpc(fn, args)) as T,
		callJson: async (fn, args) => JSON.stringify(await rpc(fn, args)),
		async listen() {
			// Realtime replaces LISTEN/NOTIFY with Supabase; the live issue wires it.
			return async () => {};
		},
		close: async () => {}
	};
}
