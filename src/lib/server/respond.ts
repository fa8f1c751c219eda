// JSON straight from the database to the browser, with database rule violations as 4xx and a
// message key the UI translates.
import { error, json } from '@sveltejs/kit';
import { DataError } from './db/port.ts';

export function jsonText(text: string, maxAge = 0): Response {
	return new Response(text, {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'cache-control': maxAge > 0 ? `private, max-age=${maxAge}` : 'no-store'
		}
	});
}

/** SQLSTATE → HTTP: who may not, what changed meanwhile, what is not there, what breaks a rule. */
const STATUS_BY_SQLSTATE: Record<string, number> = {
	'42501': 403, // insufficient_privilege: assign_not_allowed, grid_not_in_station
	'40001': 409, // serialization_failure: assignment_conflict
	P0002: 404 // no_data_found: grid_not_found
};

export function dataErrorResponse(error: unknown): Response {
	if (error instanceof DataError) {
		const status = (error.code && STATUS_BY_SQLSTATE[error.code]) || 422;
		return json({ message: error.key, detail: error.detail }, { status });
	}
	throw error;
}

/** A JSON body, or a 400 with a message key when it is not JSON. */
export async function jsonBody(request: Request): Promise<Record<string, unknown>> {
	const body = (await request.json().catch(() => null)) as unknown;
	if (!body || typeof body !== 'object' || Array.isArray(body)) error(400, 'invalid_body');
	return body as Record<string, unknown>;
}

export function positiveId(value: unknown, key = 'invalid_id'): number {
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) error(400, key);
	return value;
}
