// The three transports turn a database error into the same message key and HTTP status. Real
// errors: PGlite raises them, postgres.js's PostgresError is built from the same protocol fields,
// and PostgREST's JSON (what supabase-js reads) carries what PostgREST copies from them.
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpStatusOf, toDataError } from '../../src/lib/server/db/errors.ts';
import { DataError } from '../../src/lib/server/db/port.ts';
import { supabasePort } from '../../src/lib/server/db/supabase.ts';

interface PgError {
	message: string;
	code: string;
	detail?: string;
	hint?: string;
	constraint?: string;
	table?: string;
}

let pg: PGlite;

beforeAll(async () => {
	pg = new PGlite();
	await pg.exec(`
		create table accounts (
			id int primary key,
			email text unique,
			app_role text check (app_role in ('command', 'admin')),
			station_id int,
			constraint accounts_station_roles_have_station check (app_role <> 'command' or station_id is not null)
		);
		create function assign() returns void language plpgsql as $$
		begin raise exception 'assignment_conflict' using errcode = 'serialization_failure'; end $$;
		create function refuse() returns void language plpgsql as $$
		begin raise exception 'grid_not_in_station' using errcode = 'insufficient_privilege'; end $$;
		create function missing() returns void language plpgsql as $$
		begin raise exception 'grid_not_found' using errcode = 'no_data_found'; end $$;
		create function invalid() returns void language plpgsql as $$
		begin raise exception 'import_invalid' using errcode = 'check_violation', detail = '[{"index":2}]'; end $$;
		insert into accounts values (1, 'a@b', 'admin', null);
	`);
}, 120_000); // PGlite's WASM start is slow on a busy machine

afterAll(async () => {
	await pg.close();
});

async function pgErrorOf(sql: string): Promise<PgError> {
	try {
		await pg.query(sql);
	} catch (e) {
		return e as PgError;
	}
	throw new Error(`no error from ${sql}`);
}

/** The same error as postgres.js reports it (its field names for the protocol's fields). */
function asPostgresJs(e: PgError): unknown {
	return new postgres.PostgresError({
		severity: 'ERROR',
		severity_local: 'ERROR',
		code: e.code,
		message: e.message,
		detail: e.detail,
		hint: e.hint,
		constraint_name: e.constraint,
		table_name: e.table
	} as never);
}

/** The same error as supabase-js reads it: PostgREST answers `{ code, message, details, hint }`. */
async function viaSupabase(e: PgError): Promise<DataError> {
	const body = JSON.stringify({
		code: e.code,
		message: e.message,
		details: e.detail ?? null,
		hint: e.hint ?? null
	});
	const answer = async () =>
		new Response(body, { status: 400, headers: { 'content-type': 'application/json' } });
	const port = supabasePort('http://supabase.invalid', 'anon', answer as typeof fetch);
	try {
		await port.call('command_room', {}, null);
	} catch (error) {
		return error as DataError;
	}
	throw new Error('the supabase transport did not fail');
}

const CASES: [sql: string, key: string, status: number][] = [
	['select assign()', 'assignment_conflict', 409],
	['select refuse()', 'grid_not_in_station', 403],
	['select missing()', 'grid_not_found', 404],
	['select invalid()', 'import_invalid', 422],
	["insert into accounts values (2, 'c@d', 'command', null)", 'accounts_station_roles_have_station', 422],
	["insert into accounts values (3, 'a@b', 'admin', null)", 'accounts_email_key', 422],
	["insert into accounts values (4, 'e@f', 'nobody', null)", 'accounts_app_role_check', 422],
	["select 'not a number'::int", 'database_error', 400]
];

describe('database errors on every transport', () => {
	it.each(CASES)('%s → %s (%d) alike on PGlite, postgres.js and PostgREST', async (sql, key, status) => {
		const raw = await pgErrorOf(sql);
		const errors = [toDataError(raw), toDataError(asPostgresJs(raw)), await viaSupabase(raw)];
		for (const error of errors) {
			expect(error).toBeInstanceOf(DataError);
			expect(error.key).toBe(key);
			expect(error.code).toBe(raw.code);
			expect(httpStatusOf(error)).toBe(status);
		}
		// what the database added travels as detail on every transport
		expect(new Set(errors.map((e) => e.detail)).size).toBe(1);
	});

	it('keeps PostgreSQL’s own text (failing rows, invalid literals) away from clients', async () => {
		for (const sql of [
			"insert into accounts values (3, 'a@b', 'admin', null)",
			"select 'not a number'::int",
			"select '99999999999999999999'::bigint"
		]) {
			const raw = await pgErrorOf(sql);
			for (const error of [toDataError(raw), toDataError(asPostgresJs(raw)), await viaSupabase(raw)]) {
				expect(error.detail, sql).toBeUndefined();
				// still in the server log
				expect(error.internal, sql).toContain(raw.message);
			}
		}
	});

	it('keeps raised detail for the UI (import_invalid names its rows)', async () => {
		const error = toDataError(await pgErrorOf('select invalid()'));
		expect(JSON.parse(error.detail!)).toEqual([{ index: 2 }]);
	});

	it('never turns PostgreSQL text or a PostgREST error of its own into a message key', () => {
		const notFound = toDataError({
			code: 'PGRST202',
			message: 'Could not find the function public.nothing without parameters in the schema cache',
			details: 'Searched for the function public.nothing without parameters',
			hint: null
		});
		expect(notFound.key).toBe('database_error');
		expect(httpStatusOf(notFound)).toBe(422);
		expect(toDataError(new TypeError('fetch failed')).key).toBe('database_error');
		expect(toDataError(null).key).toBe('database_error');
	});
});
