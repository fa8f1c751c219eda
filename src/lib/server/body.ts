// Request bodies parsed by valibot schemas. Every message in a schema is a message key the UI
// translates; a body that fails gets a 400 with the first problem's key (an unnamed problem is
// `invalid_body`), so nothing malformed reaches the database to come back as a 500 or as raw
// PostgreSQL text.
import { error } from '@sveltejs/kit';
import * as v from 'valibot';
import { BodyTooLarge, readLimitedText } from './limited-body.ts';

const KEY = /^[a-z][a-z0-9_]*$/;

/** `value` parsed by `schema`, or a 400 with the first problem's message key. */
export function parsed<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> {
	const result = v.safeParse(schema, value, { abortEarly: true });
	if (result.success) return result.output;
	const message = result.issues[0].message;
	error(400, KEY.test(message) ? message : 'invalid_body');
}

/** What a JSON body may weigh unless its endpoint says more: a form, a few ids, a polygon. */
export const DEFAULT_BODY_LIMIT = 256 * 1024;
/** Deeper than any GeoJSON we take (a MultiPolygon is 4 levels inside its object). */
const MAX_DEPTH = 32;

/**
 * The request's JSON body parsed by `schema`. The body is read up to `limit` bytes and refused
 * past it (413, `body_too_large`) before anything is parsed, whoever sends it; JSON nested deeper
 * than any of our shapes, or not JSON at all, is `invalid_body`.
 */
export async function parseBody<S extends v.GenericSchema>(
	request: Request,
	schema: S,
	limit = DEFAULT_BODY_LIMIT
): Promise<v.InferOutput<S>> {
	let text: string;
	try {
		text = await readLimitedText(request, limit);
	} catch (e) {
		if (e instanceof BodyTooLarge) error(413, 'body_too_large');
		error(400, 'invalid_body');
	}
	if (nestingDepth(text) > MAX_DEPTH) error(400, 'invalid_body');
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		error(400, 'invalid_body');
	}
	return parsed(schema, body);
}

/** How deep brackets nest in a JSON text, strings skipped: one pass, no recursion. */
export function nestingDepth(text: string): number {
	let depth = 0;
	let max = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 92)
				i++; // backslash: skip the escaped character
			else if (c === 34) inString = false;
		} else if (c === 34) inString = true;
		else if (c === 91 || c === 123) max = Math.max(max, ++depth);
		else if (c === 93 || c === 125) depth--;
	}
	return max;
}

/** A JSON object; its own problems are `invalid_body`. */
export function body<E extends v.ObjectEntries>(entries: E) {
	return v.object(entries, 'invalid_body');
}

/** A positive integer id (bigint in SQL), refused with `key`. */
export function id(key = 'invalid_id') {
	return v.pipe(v.number(key), v.safeInteger(key), v.minValue(1, key));
}

/** An id that may be absent, null or '' (a form's empty choice): all mean none. */
export function optionalId(key = 'invalid_id') {
	return v.pipe(
		v.optional(v.nullable(v.union([v.number(), v.string()], key))),
		v.transform((x) => (x === undefined || x === null || x === '' ? null : Number(x))),
		v.nullable(id(key))
	);
}

/** A calendar day `YYYY-MM-DD` that exists (so SQL's ::date cannot fail on it). */
export function day(key: string) {
	return v.pipe(
		v.string(key),
		v.isoDate(key),
		v.check((s) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), key)
	);
}

/** A finite number (JSON has no NaN, but a schema should not rely on the parser). */
export function finite(key: string) {
	return v.pipe(v.number(key), v.finite(key));
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
