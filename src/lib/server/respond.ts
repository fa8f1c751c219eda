// The one way an endpoint answers with the database: JSON straight from the database to the
// browser, with database rule violations as 4xx and a message key the UI translates.
import { error, json } from '@sveltejs/kit';
import { httpStatusOf } from './db/errors.ts';
import type { RpcArgs, RpcName } from './db/functions.ts';
import { dataPort } from './db/index.ts';
import { DataError, type Claims } from './db/port.ts';

export function jsonText(text: string, maxAge = 0, status = 200): Response {
	return new Response(text, {
		status,
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'cache-control': maxAge > 0 ? `private, max-age=${maxAge}` : 'no-store'
		}
	});
}

export function dataErrorResponse(error: unknown): Response {
	if (error instanceof DataError) {
		// what the user cannot act on goes to the log, never to the client
		if (error.key === 'database_error') console.error(error);
		return json({ message: error.key, detail: error.detail }, { status: httpStatusOf(error) });
	}
	throw error;
}

/** Runs an endpoint's work; a database refusal becomes its 4xx answer, anything else is thrown. */
export async function answering(work: () => Promise<Response>): Promise<Response> {
	try {
		return await work();
	} catch (e) {
		return dataErrorResponse(e);
	}
}

export interface RpcAnswer {
	/** 201 for what the call created */
	status?: number;
	/** the function answers null when the caller may not see the thing: a 404 with this key */
	notFound?: string;
}

/** Calls fn as the caller and answers with its JSON untouched (never parsed and re-serialised). */
export function rpcResponse<F extends RpcName>(
	fn: F,
	args: RpcArgs<F>,
	claims: Claims | null,
	{ status = 200, notFound }: RpcAnswer = {}
): Promise<Response> {
	return answering(async () => {
		const text = await (await dataPort()).callJson(fn, args, claims);
		if (notFound && text === 'null') error(404, notFound);
		return jsonText(text, 0, status);
	});
}

export function positiveId(value: unknown, key = 'invalid_id'): number {
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) error(400, key);
	return value;
}
