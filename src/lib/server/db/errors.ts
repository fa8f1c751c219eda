// One mapping from a database error to the message key the UI translates, whichever transport
// carried it: PGlite's and postgres.js's errors (protocol fields, `constraint` / `constraint_name`)
// and PostgREST's JSON (`{ code, message, details, hint }`, no constraint field).
import { DataError } from './port.ts';

/** The fields the three transports may carry; all optional, nothing else is trusted. */
interface RawDatabaseError {
	message?: unknown;
	code?: unknown;
	detail?: unknown;
	details?: unknown;
	constraint?: unknown;
	constraint_name?: unknown;
}

const KEY = /^[a-z][a-z0-9_]*$/;

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value !== '' ? value : undefined;

/** PostgREST names a violated constraint only inside its message. */
function constraintInMessage(code: string | undefined, message: string | undefined): string | undefined {
	if (!code?.startsWith('23') || !message) return undefined;
	return /constraint "([a-z][a-z0-9_]*)"/.exec(message)?.[1];
}

/**
 * Our functions raise a message key (`assignment_conflict`); a constraint's name is its key
 * (`accounts_station_roles_have_station`); anything else is `database_error`, so raw PostgreSQL
 * text never becomes a message key. Only a key our function raised keeps its detail for clients
 * (import_invalid's rows); PostgreSQL's own text (a constraint's failing row, which can hold
 * personal data, or "invalid input syntax for type bigint") is kept for the server log only.
 */
export function toDataError(error: unknown): DataError {
	if (error instanceof DataError) return error;
	const e = (error ?? {}) as RawDatabaseError;
	const message = text(e.message);
	const code = text(e.code);
	const detail = text(e.detail) ?? text(e.details);
	const constraint = text(e.constraint_name) ?? text(e.constraint) ?? constraintInMessage(code, message);
	if (constraint)
		return new DataError(constraint, undefined, code, [message, detail].filter(Boolean).join(' — '));
	if (message && KEY.test(message)) return new DataError(message, detail, code);
	return new DataError('database_error', undefined, code, [message, detail].filter(Boolean).join(' — '));
}

/** SQLSTATE → HTTP: who may not, what changed meanwhile, what is not there; else a broken rule. */
const STATUS_BY_SQLSTATE: Record<string, number> = {
	'42501': 403, // insufficient_privilege: assign_not_allowed, grid_not_in_station
	'40001': 409, // serialization_failure: assignment_conflict
	P0002: 404 // no_data_found: grid_not_found
};

export function httpStatusOf(error: DataError): number {
	// class 22, data exception: a value the request sent that SQL could not read (a malformed body)
	if (error.key === 'database_error' && error.code?.startsWith('22')) return 400;
	return (error.code && STATUS_BY_SQLSTATE[error.code]) || 422;
}
