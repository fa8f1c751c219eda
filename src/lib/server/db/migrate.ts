// Applies supabase/migrations/*.sql in order, each in its own transaction, recording them in
// the same table the Supabase CLI uses so a database pushed by `supabase db push` is recognised.
// The migrations start from one baseline (the first 33 were squashed on 2026-12-05, nothing
// being in production); each change since is a migration of its own. A database that recorded
// a migration no longer in the directory, or one whose text has changed since it was applied,
// would keep old definitions without saying so: migrate refuses it.
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { SqlClient } from './sql.ts';

export const MIGRATIONS_DIR = resolve(process.env.MIGRATIONS_DIR ?? 'supabase/migrations');

export interface Migration {
	version: string;
	name: string;
	sql: string;
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
	const files = (await readdir(dir)).filter((f) => /^\d{14}_.+\.sql$/.test(f)).sort();
	return Promise.all(
		files.map(async (file) => ({
			version: file.slice(0, 14),
			name: file.slice(15, -4),
			sql: await readFile(join(dir, file), 'utf8')
		}))
	);
}

/**
 * The database was migrated with migration files that no longer exist (before the squash), or
 * with an earlier text of one that does (a migration edited after it was applied).
 */
export class OutdatedDatabaseError extends Error {
	constructor(
		readonly unknown: string[],
		readonly changed: string[] = []
	) {
		super(
			unknown.length > 0
				? `the database was made by migrations that no longer exist (${unknown.length}, e.g. ${unknown[0]}): ` +
						'they were squashed into one baseline; recreate the database'
				: `the database was made by an earlier text of migration ${changed.join(', ')}: ` +
						"its functions and indexes are not today's; recreate the database"
		);
		this.name = 'OutdatedDatabaseError';
	}
}

/**
 * How migrate recorded a file until 2026-12-05: JSON inside an array literal, whose parser drops
 * each backslash and keeps the character after it (so newlines were stored as "n").
 */
const legacyRecord = (sql: string): string => JSON.stringify(sql).slice(1, -1).replace(/\\(.)/g, '$1');

/**
 * Versions whose recorded text differs from the file. Only the ones migrate recorded itself (one
 * statement, the whole file); `supabase db push` records the file split into statements.
 */
function changedMigrations(recorded: Map<string, string[] | null>, migrations: Migration[]): string[] {
	return migrations
		.filter((m) => {
			const statements = recorded.get(m.version);
			return statements?.length === 1 && statements[0] !== m.sql && statements[0] !== legacyRecord(m.sql);
		})
		.map((m) => m.version);
}

/** Returns the versions it applied (empty when the database was up to date). */
export async function migrate(db: SqlClient, dir = MIGRATIONS_DIR): Promise<string[]> {
	await db.exec(`
		create schema if not exists supabase_migrations;
		create table if not exists supabase_migrations.schema_migrations (
			version text primary key, statements text[], name text
		);`);
	const recorded = new Map(
		(
			await db.query<{ version: string; statements: string[] | null }>(
				'select version, statements from supabase_migrations.schema_migrations'
			)
		).map((r) => [r.version, r.statements])
	);
	const done = new Set(recorded.keys());
	const migrations = await readMigrations(dir);
	const known = new Set(migrations.map((m) => m.version));
	const unknown = [...done].filter((v) => !known.has(v)).sort();
	if (unknown.length > 0) throw new OutdatedDatabaseError(unknown);
	const changed = changedMigrations(recorded, migrations);
	if (changed.length > 0) throw new OutdatedDatabaseError([], changed);
	const applied: string[] = [];
	for (const m of migrations) {
		if (done.has(m.version)) continue;
		await db.transaction(async (tx) => {
			await tx.exec(m.sql);
			await tx.query(
				'insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, array[$3::text])',
				[m.version, m.name, m.sql]
			);
		});
		applied.push(m.version);
	}
	return applied;
}
