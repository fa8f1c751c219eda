// JSON straight from the database to the browser, with database rule violations as 4xx and a
// message key the UI translates.
import { error, json } from '@sveltejs/kit';
import { httpStatusOf } from './db/errors.ts';
import { DataError } from './db/port.ts';

export function jsonText(text: string, maxAge = 0): Response {
	return new Response(text, {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'cache-control': maxAge > 0 ? `private, max-age=${maxAge}` : 'no-store'
		}
	});
}

export function dataErrorResponse(error: unknown): Response {
	if (error instanceof DataError) {
		return json({ message: error.key, detail: error.detail }, { status: httpStatusOf(error) });
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
