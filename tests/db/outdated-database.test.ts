// The first 33 migrations were squashed into one baseline: a database that recorded them cannot
// be brought up to date, so it is refused rather than half-migrated, and embedded data that is
// not the demo's is never deleted.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { readEnv } from '../../src/lib/config/env.ts';
import { openSql } from '../../src/lib/server/db/index.ts';
import { migrate, OutdatedDatabaseError } from '../../src/lib/server/db/migrate.ts';
import { openPglite } from '../../src/lib/server/db/pglite.ts';
import { openPostgres } from '../../src/lib/server/db/postgres.ts';
import type { SqlClient } from '../../src/lib/server/db/sql.ts';

const OLD = `create schema supabase_migrations;
  create table supabase_migrations.schema_migrations (version text primary key, statements text[], name text);
  insert into supabase_migrations.schema_migrations (version, name) values ('20261124000000', 'auth_bootstrap');`;

const recorded = async (db: SqlClient) =>
	(await db.query<{ version: string }>('select version from supabase_migrations.schema_migrations')).map(
		(r) => r.version
	);

describe('a database made by the migrations before the squash', () => {
	// on PGlite the embedded case below covers it (each PGlite takes seconds to open)
	it.skipIf(process.env.DB_ENGINE !== 'postgres')(
		'is refused by migrate, which applies nothing',
		async () => {
			const url = process.env.DATABASE_URL as string;
			const admin = postgres(url, { max: 1, onnotice: () => {} });
			await admin.unsafe('drop database if exists gpm_test_outdated with (force)');
			await admin.unsafe('create database gpm_test_outdated');
			const target = new URL(url);
			target.pathname = '/gpm_test_outdated';
			const db = await openPostgres(target.toString());
			try {
				await db.exec(OLD);
				await expect(migrate(db)).rejects.toBeInstanceOf(OutdatedDatabaseError);
				expect(await recorded(db)).toEqual(['20261124000000']);
			} finally {
				await db.close();
				await admin.unsafe('drop database if exists gpm_test_outdated with (force)');
				await admin.end();
			}
		}
	);

	it.skipIf(process.env.DB_ENGINE === 'postgres')(
		'embedded, holding an account that is not a demo one, is kept and the start stops with what to do',
		async () => {
			const dir = join(mkdtempSync(join(tmpdir(), 'gpm-outdated-')), 'db');
			try {
				const old = await openPglite(dir);
				await old.exec(`${OLD}
				  create schema app;
				  create table app.accounts (email text, demo boolean);
				  create table app.import_batches (committed_at timestamptz);
				  insert into app.accounts values ('head@station.example', false);`);
				await old.close();
				await expect(openSql({ ...readEnv({}), dataDir: dir }, () => {})).rejects.toThrow(
					/holds data that is not the demo's/
				);
				expect(existsSync(join(dir, 'PG_VERSION'))).toBe(true);
			} finally {
				rmSync(join(dir, '..'), { recursive: true, force: true });
			}
		}
	);
});

describe('a database made by an earlier text of a migration (the baseline regenerated)', () => {
	it('is refused, and one recorded the old way with the same text is accepted', async () => {
		const root = mkdtempSync(join(tmpdir(), 'gpm-changed-'));
		const dir = join(root, 'migrations');
		mkdirSync(dir);
		const file = join(dir, '20270101000000_first.sql');
		const sql = 'create table changed_probe (a integer);\n-- "quoted" and \\ a backslash\n';
		writeFileSync(file, sql);
		const db = await openPglite(join(root, 'db'));
		try {
			expect(await migrate(db, dir)).toEqual(['20270101000000']);
			expect(await migrate(db, dir)).toEqual([]);

			// how migrate recorded a file until 2026-12-05: newlines and quotes lost their backslash
			await db.query(
				`update supabase_migrations.schema_migrations set statements = $1::text[] where version = '20270101000000'`,
				[`{${JSON.stringify(sql)}}`]
			);
			expect(await migrate(db, dir)).toEqual([]);

			writeFileSync(file, sql.replace('a integer', 'a bigint'));
			const refused = await migrate(db, dir).catch((e: unknown) => e);
			expect(refused).toBeInstanceOf(OutdatedDatabaseError);
			expect((refused as OutdatedDatabaseError).changed).toEqual(['20270101000000']);
			expect((refused as Error).message).toMatch(/earlier text of migration 20270101000000/);
		} finally {
			await db.close();
			rmSync(root, { recursive: true, force: true });
		}
	});
});
