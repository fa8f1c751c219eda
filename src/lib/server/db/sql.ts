// The few things migrations, the seeder and the RPC layer need from a SQL engine. PGlite and
// any Postgres (postgres.js) implement it; Supabase's transport does not (it only speaks RPC).

export type SqlParam = string | number | boolean | null;

export interface SqlClient {
	readonly engine: 'pglite' | 'postgres';
	/** One statement with $1… parameters. */
	query<T = Record<string, unknown>>(text: string, params?: SqlParam[]): Promise<T[]>;
	/** Several statements, no parameters (migration files). */
	exec(text: string): Promise<void>;
	/** Runs fn in a transaction; it commits when fn resolves and rolls back when it throws. */
	transaction<T>(fn: (tx: SqlTransaction) => Promise<T>): Promise<T>;
	listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>;
	close(): Promise<void>;
}

export type SqlTransaction = Pick<SqlClient, 'query' | 'exec'>;
