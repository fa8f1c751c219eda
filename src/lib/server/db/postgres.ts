// Any PostgreSQL with PostGIS, reached by DATABASE_URL: CI's native PostgreSQL 15 + PostGIS 3.3,
// or a self-hosted Supabase database.
import postgres from 'postgres';
import type { SqlClient, SqlParam, SqlTransaction } from './sql.ts';

export async function openPostgres(url: string): Promise<SqlClient> {
	const sql = postgres(url, {
		max: 4,
		onnotice: () => {},
		// bigint ids fit in a double; the app treats them as numbers on every engine
		types: {
			bigint: { to: 20, from: [20], serialize: (v: number) => String(v), parse: (v: string) => Number(v) }
		}
	});
	await sql`select 1`;
	const wrap = (q: postgres.Sql | postgres.TransactionSql): SqlTransaction => ({
		async query<T>(text: string, params: SqlParam[] = []) {
			return (await q.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as T[];
		},
		async exec(text: string) {
			await q.unsafe(text);
		}
	});
	const top = wrap(sql);
	return {
		engine: 'postgres',
		query: top.query,
		exec: top.exec,
		transaction: async (fn) => (await sql.begin((tx) => fn(wrap(tx)))) as Awaited<ReturnType<typeof fn>>,
		async listen(channel, handler) {
			const { unlisten } = await sql.listen(channel, handler);
			return unlisten;
		},
		close: () => sql.end({ timeout: 5 })
	};
}
