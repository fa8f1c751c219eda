// Applies supabase/migrations/*.sql in order, each in its own transaction, recording them in
// the same table the Supabase CLI uses so a database pushed by `supabase db push` is recognised.
// The migrations start from one baseline (the first 33 were squashed on 2026-12-05, nothing
// being in production); a database that recorded a migration no longer in the directory was
// made from the old ones and cannot be brought up to date: migrate refuses it.
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

/** The database was migrated with migration files that no longer exist (before the squash). */
export class OutdatedDatabaseError extends Error {
	constructor(readonly unknown: string[]) {
		super(
			`the database was made by migrations that no longer exist (${unknown.length}, e.g. ${unknown[0]}): ` +
				'they were squashed into one baseline; recreate the database'
		);
		this.name = 'OutdatedDatabaseError';
	}
}

/** Returns the versions it applied (empty when the database was up to date). */
export async function migrate(db: SqlClient, dir = MIGRATIONS_DIR): Promise<string[]> {
	await db.exec(`
		create schema if not exists supabase_migrations;
		create table if not exists supabase_migrations.schema_migrations (
			version text primary key, statements text[], name text
		);`);
	const done = new Set(
		(await db.query<{ version: string }>('select version from supabase_migrations.schema_migrations')).map(
			(r) => r.version
		)
	);
	const migrations = await readMigrations(dir);
	const known = new Set(migrations.map((m) => m.version));
	const unknown = [...done].filter((v) => !known.has(v)).sort();
	if (unknown.length > 0) throw new OutdatedDatabaseError(unknown);
	const applied: string[] = [];
	for (const m of migrations) {
		if (done.has(m.version)) continue;
		await db.transaction(async (tx) => {
			await tx.exec(m.sql);
			await tx.query(
				'insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)',
				[m.version, m.name, `{${JSON.stringify(m.sql)}}`]
			);
		});
		applied.push(m.version);
	}
	return applied;
}
