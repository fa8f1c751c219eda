// supabase/schemas/ is the current definition, supabase/migrations/ the steps that reach it.
// These tests hold them together: every function, policy and trigger is defined in exactly one
// schema file, and a database built from the migrations (the squashed baseline and each change
// since) has the same functions, policies, triggers and indexes as one built from the schema
// files (so a rule changed in one place and not the other fails here).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, readSchemaFile, schemaFiles } from '../../scripts/db/schema-files.ts';
import { openPostgres } from '../../src/lib/server/db/postgres.ts';
import type { SqlClient } from '../../src/lib/server/db/sql.ts';
import { rolledBack, testDatabase } from './engine.ts';

// The project's schemas (auth only where the bootstrap creates it; on Supabase it is theirs).
const SCHEMAS = `('public', 'app', 'auth')`;
const notExtensionMember = (oid: string) =>
	`not exists (select 1 from pg_catalog.pg_depend d where d.objid = ${oid} and d.deptype = 'e')`;

const DEFINITIONS = {
	function: `select n.nspname || '.' || p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')' as key,
	    pg_catalog.pg_get_functiondef(p.oid) as def
	  from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
	  where n.nspname in ${SCHEMAS} and ${notExtensionMember('p.oid')}`,
	policy: `select schemaname || '.' || tablename || ': ' || policyname as key,
	    concat_ws(' | ', permissive, roles::text, cmd, qual, with_check) as def
	  from pg_catalog.pg_policies where schemaname in ${SCHEMAS}`,
	trigger: `select n.nspname || '.' || c.relname || ': ' || t.tgname as key, pg_catalog.pg_get_triggerdef(t.oid) as def
	  from pg_catalog.pg_trigger t join pg_catalog.pg_class c on c.oid = t.tgrelid
	  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
	  where not t.tgisinternal and n.nspname in ${SCHEMAS}`,
	index: `select schemaname || '.' || indexname as key, indexdef as def
	  from pg_catalog.pg_indexes where schemaname in ${SCHEMAS}`
};
type Kind = keyof typeof DEFINITIONS;

/** Every definition, by kind and key; read with one search_path so types print alike. */
async function definitions(
	db: Pick<SqlClient, 'query' | 'exec'>
): Promise<Record<Kind, Map<string, string>>> {
	await db.exec(`set local search_path = "$user", public, extensions`);
	const out = {} as Record<Kind, Map<string, string>>;
	for (const kind of Object.keys(DEFINITIONS) as Kind[]) {
		const rows = await db.query<{ key: string; def: string }>(DEFINITIONS[kind]);
		out[kind] = new Map(rows.map((r) => [r.key, r.def]));
	}
	return out;
}

/** The definitions of a database with the schema files applied in order, none before. */
async function fromSchemaFiles(migrated: SqlClient): Promise<Record<Kind, Map<string, string>>> {
	const apply = async (tx: Pick<SqlClient, 'exec'>) => {
		for (const file of schemaFiles()) await tx.exec(readSchemaFile(file));
	};
	if (process.env.DB_ENGINE !== 'postgres') {
		// A second PGlite would spend most of a minute installing PostGIS; instead the test
		// database's own schemas are emptied and rebuilt from the files (PostGIS stays in
		// `extensions`), read, and rolled back.
		let found: Record<Kind, Map<string, string>> | undefined;
		await rolledBack(migrated, async (tx) => {
			await tx.exec('drop schema public, app, auth cascade; create schema public');
			await apply(tx);
			found = await definitions(tx);
		});
		return found as Record<Kind, Map<string, string>>;
	}
	const url = process.env.DATABASE_URL as string;
	const name = 'gpm_test_schema_files';
	const admin = postgres(url, { max: 1, onnotice: () => {} });
	await admin.unsafe(`drop database if exists ${name} with (force)`);
	await admin.unsafe(`create database ${name}`);
	const target = new URL(url);
	target.pathname = `/${name}`;
	const db = await openPostgres(target.toString());
	try {
		// one transaction: one connection, so the search_path the extensions file sets holds throughout
		return await db.transaction(async (tx) => {
			await apply(tx);
			return definitions(tx);
		});
	} finally {
		await db.close();
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
	}
}

describe('schema files', () => {
	it('are every file of supabase/schemas, each listed once', () => {
		const files = schemaFiles();
		expect(files.length).toBeGreaterThan(20);
		expect(new Set(files).size).toBe(files.length);
		const onDisk = readdirSync(join(ROOT, 'supabase/schemas'))
			.filter((f) => f.endsWith('.sql'))
			.map((f) => `supabase/schemas/${f}`);
		expect([...files].sort()).toEqual(onDisk.sort());
	});

	it('define each function, policy and trigger in exactly one place', () => {
		const where = new Map<string, string[]>();
		const patterns: [Kind, RegExp][] = [
			['function', /^\s*create (?:or replace )?function ([\w.]+)\s*\(/gim],
			['policy', /^\s*create policy ("[^"]+") on ([\w.]+)/gim],
			['trigger', /^\s*create (?:constraint )?trigger (\w+)\s[\s\S]*?\bon ([\w.]+)/gim]
		];
		for (const file of schemaFiles()) {
			const sql = readSchemaFile(file);
			for (const [kind, re] of patterns)
				for (const m of sql.matchAll(re)) {
					const key = `${kind} ${m.slice(1).join(' on ')}`;
					where.set(key, [...(where.get(key) ?? []), file]);
				}
		}
		const repeated = [...where]
			.filter(([, files]) => files.length > 1)
			.map(([k, f]) => `${k}: ${f.join(', ')}`);
		expect(repeated).toEqual([]);
		expect(where.size).toBeGreaterThan(150);
	});
});

describe('a database built from the migrations', () => {
	let fromFiles: Record<Kind, Map<string, string>>;
	let fromMigrations: Record<Kind, Map<string, string>>;
	beforeAll(async () => {
		const migrated = (await testDatabase()).db;
		fromMigrations = await migrated.transaction(definitions);
		fromFiles = await fromSchemaFiles(migrated);
	});

	for (const kind of Object.keys(DEFINITIONS) as Kind[]) {
		it(`has the schema files' ${kind} definitions`, () => {
			const files = fromFiles[kind];
			const migrations = fromMigrations[kind];
			const drift = [...new Set([...files.keys(), ...migrations.keys()])]
				.filter((k) => files.get(k) !== migrations.get(k))
				.map(
					(k) =>
						`${k}: ${!files.has(k) ? 'only in the migrations' : !migrations.has(k) ? 'only in the schema files' : 'differs'}`
				)
				.sort();
			expect(drift, 'change the schema file and add a migration with the same change').toEqual([]);
			expect(files.size).toBeGreaterThan(kind === 'function' ? 100 : 20);
		});
	}
});
