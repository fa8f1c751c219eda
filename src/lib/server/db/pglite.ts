// The embedded engine: PGlite (Postgres in WASM) with PostGIS, data in a local directory.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { postgis } from '@electric-sql/pglite-postgis';
import type { SqlClient, SqlParam, SqlTransaction } from './sql.ts';

export class DatabaseInUseError extends Error {
	constructor(dataDir: string, pid: number) {
		super(`${dataDir} is already open in process ${pid}; stop it first (two processes would corrupt it)`);
		this.name = 'DatabaseInUseError';
	}
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * PGlite does not lock its data directory, and two processes writing one directory corrupt it
 * (a second `npm start`, a bench beside a running server). A pid file beside it says who has it;
 * a lock left by a process that died is taken over.
 */
function lock(dataDir: string): () => void {
	const file = `${dataDir}.lock`;
	let holder = NaN;
	try {
		holder = Number(readFileSync(file, 'utf8'));
	} catch {
		// no lock yet
	}
	if (Number.isInteger(holder) && holder !== process.pid && alive(holder))
		throw new DatabaseInUseError(dataDir, holder);
	writeFileSync(file, String(process.pid));
	return () => rmSync(file, { force: true });
}

/** dataDir undefined = in memory (tests). */
export async function openPglite(dataDir?: string): Promise<SqlClient> {
	// PGlite creates the data directory but not its parents (.data/ on a fresh clone)
	if (dataDir) mkdirSync(dirname(dataDir), { recursive: true });
	const unlock = dataDir ? lock(dataDir) : () => {};
	let db: PGlite;
	try {
		db = await PGlite.create({ dataDir, extensions: { postgis, btree_gist } });
	} catch (e) {
		unlock();
		throw e;
	}
	// PostGIS lives in `extensions` (as on Supabase), reached through Supabase's search_path. The
	// migrations set it for the database, but PGlite does not apply a database's settings when it
	// opens a data directory, so each session sets it here.
	await db.exec(`select pg_catalog.set_config('search_path', '"$user", public, extensions', false)`);
	const wrap = (q: PGlite | Transaction): SqlTransaction => ({
		async query<T>(text: string, params: SqlParam[] = []) {
			return (await q.query<T>(text, params)).rows;
		},
		async exec(text: string) {
			await q.exec(text);
		}
	});
	const top = wrap(db);
	return {
		engine: 'pglite',
		query: top.query,
		exec: top.exec,
		transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
		async listen(channel, handler) {
			const unsubscribe = await db.listen(channel, handler);
			return async () => unsubscribe();
		},
		async close() {
			await db.close();
			unlock();
		}
	};
}
