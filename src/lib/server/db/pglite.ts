// The embedded engine: PGlite (Postgres in WASM) with PostGIS, data in a local directory.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { postgis } from '@electric-sql/pglite-postgis';
import type { SqlClient, SqlParam, SqlTransaction } from './sql.ts';

/** dataDir undefined = in memory (tests). */
export async function openPglite(dataDir?: string): Promise<SqlClient> {
	// PGlite creates the data directory but not its parents (.data/ on a fresh clone)
	if (dataDir) mkdirSync(dirname(dataDir), { recursive: true });
	const db = await PGlite.create({ dataDir, extensions: { postgis, btree_gist } });
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
		close: () => db.close()
	};
}
