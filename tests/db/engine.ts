// The database every db test runs against, chosen by DB_ENGINE: an in-memory PGlite+PostGIS,
// or a fresh database on the Postgres server named by DATABASE_URL. It is migrated and seeded
// with the county demo once per run and shared by all files (the db projects run unisolated).
import postgres from 'postgres';
import { generate } from '../../scripts/demo/generate.ts';
import { insertDemoAccounts } from '../../scripts/seed/accounts.ts';
import { insertDemoData } from '../../scripts/seed/insert.ts';
import { migrate } from '../../src/lib/server/db/migrate.ts';
import { openPglite } from '../../src/lib/server/db/pglite.ts';
import { openPostgres } from '../../src/lib/server/db/postgres.ts';
import type { SqlClient } from '../../src/lib/server/db/sql.ts';
import type { DemoData } from '../../src/lib/types/domain.ts';

export interface TestDatabase {
	db: SqlClient;
	demo: DemoData;
}

let shared: Promise<TestDatabase> | null = null;

async function freshPostgres(): Promise<SqlClient> {
	const url = process.env.DATABASE_URL;
	if (!url) throw new Error('DB_ENGINE=postgres needs DATABASE_URL (a server where we may create databases)');
	const name = 'gpm_test';
	const admin = postgres(url, { max: 1, onnotice: () => {} });
	await admin.unsafe(`drop database if exists ${name} with (force)`);
	await admin.unsafe(`create database ${name}`);
	await admin.end();
	const target = new URL(url);
	target.pathname = `/${name}`;
	return openPostgres(target.toString());
}

export function testDatabase(): Promise<TestDatabase> {
	shared ??= (async () => {
		const db = process.env.DB_ENGINE === 'postgres' ? await freshPostgres() : await openPglite();
		await migrate(db);
		// anchored to today (the generator's default) because the SQL windows use now()
		const demo = generate({ scale: 'county', seed: 1 });
		await insertDemoData(db, demo);
		await insertDemoAccounts(db, demo);
		return { db, demo };
	})();
	return shared;
}

/** Runs fn in a transaction that is always rolled back, so tests never see each other's writes. */
export async function rolledBack(
	db: SqlClient,
	fn: (tx: Pick<SqlClient, 'query' | 'exec'>) => Promise<void>
): Promise<void> {
	const rollback = new Error('rollback');
	try {
		await db.transaction(async (tx) => {
			await fn(tx);
			throw rollback;
		});
	} catch (e) {
		if (e !== rollback) throw e;
	}
}

/** The error a statement raises, or null; runs inside a savepoint so the transaction survives. */
export async function errorOf(
	tx: Pick<SqlClient, 'query' | 'exec'>,
	text: string,
	params: (string | number | null)[] = []
): Promise<string | null> {
	await tx.exec('savepoint probe');
	try {
		await tx.query(text, params);
		await tx.exec('release savepoint probe');
		return null;
	} catch (e) {
		await tx.exec('rollback to savepoint probe');
		const err = e as { message?: string; constraint_name?: string; constraint?: string };
		return err.constraint_name ?? err.constraint ?? err.message ?? String(e);
	}
}

/** What a caller's token says: the app's claims (app_metadata) and, optionally, who they are. */
export interface Caller {
	app_role: string;
	station_id?: number | null;
	officer_id?: number | null;
	sub?: string;
}

/**
 * Runs the rest of the transaction as a signed-in caller, as PostgREST would: the
 * `authenticated` role with the caller's claims, so row-level security and grants apply.
 */
export async function actAs(tx: Pick<SqlClient, 'query'>, caller: Caller): Promise<void> {
	const { sub = '00000000-0000-4000-8000-00000000c0de', ...app_metadata } = caller;
	await tx.query(
		"select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
		[JSON.stringify({ sub, role: 'authenticated', app_metadata })]
	);
}

/** Back to the tables' owner (no row-level security), to write fixtures or check what was written. */
export async function asOwner(tx: Pick<SqlClient, 'exec'>): Promise<void> {
	await tx.exec('reset role');
}

/**
 * The message of the error `fn` raises in its own rolled-back transaction ('' when none).
 * `flush` runs the deferred (commit-time) checks too, as a commit would.
 */
export async function refusal(
	db: SqlClient,
	fn: (tx: Pick<SqlClient, 'query' | 'exec'>) => Promise<unknown>,
	{ flush = false } = {}
): Promise<string> {
	try {
		await rolledBack(db, async (tx) => {
			await fn(tx);
			if (flush) await tx.query('set constraints all immediate');
		});
	} catch (e) {
		return (e as Error).message;
	}
	return '';
}
