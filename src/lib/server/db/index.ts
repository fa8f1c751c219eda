// Chooses the transport from the environment and opens it once per server process.
import { readEnv } from '../../config/env.ts';
import { migrate } from './migrate.ts';
import { openPglite } from './pglite.ts';
import type { DataPort } from './port.ts';
import { openPostgres } from './postgres.ts';
import { rpcPort } from './rpc.ts';
import type { SqlClient } from './sql.ts';
import { supabasePort } from './supabase.ts';

export type { DataPort } from './port.ts';

/** Opens the SQL engine the environment names (not Supabase) and brings its schema up to date. */
export async function openSql(env = readEnv()): Promise<SqlClient> {
	const db = env.databaseUrl ? await openPostgres(env.databaseUrl) : await openPglite(env.dataDir);
	await migrate(db);
	return db;
}

let port: Promise<DataPort> | null = null;

export function dataPort(): Promise<DataPort> {
	port ??= (async () => {
		const env = readEnv();
		if (env.supabase) return supabasePort(env.supabase.url, env.supabase.anonKey);
		return rpcPort(await openSql(env));
	})();
	return port;
}
