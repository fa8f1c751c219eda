// JSON straight from the database to the browser, with database rule violations as 4xx and a
// message key the UI translates.
import { json } from '@sveltejs/kit';
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
		return json({ message: error.key, detail: error.detail }, { status: 422 });
	}
	throw error;
}
