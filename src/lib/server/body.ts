// Request bodies parsed by valibot schemas. Every message in a schema is a message key the UI
// translates; a body that fails gets a 400 with the first problem's key (an unnamed problem is
// `invalid_body`), so nothing malformed reaches the database to come back as a 500 or as raw
// PostgreSQL text.
import { error } from '@sveltejs/kit';
import * as v from 'valibot';

const KEY = /^[a-z][a-z0-9_]*$/;

/** `value` parsed by `schema`, or a 400 with the first problem's message key. */
export function parsed<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> {
	const result = v.safeParse(schema, value, { abortEarly: true });
	if (result.success) return result.output;
	const message = result.issues[0].message;
	error(400, KEY.test(message) ? message : 'invalid_body');
}

/** The request's JSON body parsed by `schema`; a body that is not JSON is `invalid_body`. */
export async function parseBody<S extends v.GenericSchema>(
	request: Request,
	schema: S
): Promise<v.InferOutput<S>> {
	const body = (await request.json().catch(() => undefined)) as unknown;
	return parsed(schema, body);
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
