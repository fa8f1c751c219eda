// Chooses the transport from the environment and opens it once per server process.
import { readEnv } from '../../config/env.ts';
import { rmSync } from 'node:fs';
import { migrate, OutdatedDatabaseError } from './migrate.ts';
import { openPglite } from './pglite.ts';
import type { DataPort } from './port.ts';
import { openPostgres } from './postgres.ts';
import { rpcPort } from './rpc.ts';
import type { SqlClient } from './sql.ts';

export type { DataPort } from './port.ts';

/** Opens the SQL engine the environment names (not Supabase) and brings its schema up to date. */
export async function openSql(
	env = readEnv(),
	log: (line: string) => void = console.log
): Promise<SqlClient> {
	if (env.databaseUrl) {
		const db = await openPostgres(env.databaseUrl);
		try {
			await migrate(db);
		} catch (e) {
			await db.close();
			if (e instanceof OutdatedDatabaseError)
				throw new Error(
					`DATABASE_URL: ${e.message} (drop it and create it empty; the app migrates it on start)`
				);
			throw e;
		}
		return db;
	}
	const db = await openPglite(env.dataDir);
	try {
		await migrate(db);
		return db;
	} catch (e) {
		if (!(e instanceof OutdatedDatabaseError)) {
			await db.close();
			throw e;
		}
		// An embedded database made before the squash, or by an earlier baseline. Demo data is
		// regenerated on start, so it is recreated; anything else is the user's to keep or drop.
		const demo = await holdsDemoDataOnly(db);
		await db.close();
		if (!demo)
			throw new Error(
				`${env.dataDir}: ${e.message}. It holds data that is not the demo's: copy what you need, then ` +
					`remove ${env.dataDir} (or run \`npm run seed -- --reset\`)`
			);
		log(`  ${env.dataDir}: ${e.message}; it holds demo data only: recreating it`);
		rmSync(env.dataDir, { recursive: true, force: true });
		const fresh = await openPglite(env.dataDir);
		await migrate(fresh);
		return fresh;
	}
}

/** No account but the demo's and no committed import: nothing a user entered would be lost. */
async function holdsDemoDataOnly(db: SqlClient): Promise<boolean> {
	try {
		const [row] = await db.query<{ demo: boolean }>(
			`select not exists (select 1 from app.accounts where not demo)
			    and not exists (select 1 from app.import_batches where committed_at is not null) as demo`
		);
		return row.demo;
	} catch {
		return false; // older than accounts or imports: not ours to judge
	}
}

let port: Promise<DataPort> | null = null;

export function dataPort(): Promise<DataPort> {
	port ??= (async () => {
		const env = readEnv();
		// loaded only when configured: supabase-js warns on Node 20 at import, noise in embedded mode
		if (env.supabase) {
			const { supabasePort } = await import('./supabase.ts');
			return supabasePort(env.supabase.url, env.supabase.anonKey);
		}
		return rpcPort(await openSql(env));
	})();
	return port;
}
