// One chunk of an import: a JSON array of staged rows (see staged-row.ts), read as a stream up
// to a limit (413 with a message key beyond it), checked feature by feature with the same pure
// rules as the preview (so a client that skips the preview gets the same messages), then
// staged as sent.
import { error, json } from '@sveltejs/kit';
import { IMPORT_KINDS, type ImportKind } from '$lib/import/kinds';
import type { ImportFeature } from '$lib/import/problems';
import { featureOfRow } from '$lib/import/staged-row';
import { validateFeatures } from '$lib/import/validate';
import { parsed, UUID } from '$lib/server/body';
import { BodyTooLarge, readLimitedText, tooLargeResponse } from '$lib/server/limited-body';
import { rpcResponse } from '$lib/server/respond';
import { Chunk } from '$lib/server/request-schemas';
import type { RequestHandler } from './$types';

/** Bytes per chunk (the client sends at most IMPORT_CHUNK_BYTES, well below this). */
const CHUNK_LIMIT = 1024 * 1024;

export const POST: RequestHandler = async ({ params, url, request, locals }) => {
	if (!UUID.test(params.batch)) error(400, 'invalid_id');
	const kind = url.searchParams.get('kind');
	if (!(IMPORT_KINDS as readonly (string | null)[]).includes(kind)) error(400, 'invalid_kind');
	const offset = Number(url.searchParams.get('offset') ?? 0);
	if (!Number.isSafeInteger(offset) || offset < 0) error(400, 'invalid_body');
	let text: string;
	try {
		text = await readLimitedText(request, CHUNK_LIMIT);
	} catch (e) {
		if (e instanceof BodyTooLarge) return tooLargeResponse('import_too_large', e.limit);
		throw e;
	}
	const body = parsed(
		Chunk,
		(() => {
			try {
				return JSON.parse(text) as unknown;
			} catch {
				return null;
			}
		})()
	);
	const features: ImportFeature[] = [];
	for (const [i, row] of body.entries()) {
		const feature = featureOfRow(row, offset + i + 1);
		if (!feature) error(400, 'import_invalid_body');
		features.push(feature);
	}
	const { problems } = validateFeatures(kind as ImportKind, features);
	if (problems.length > 0)
		return json(
			{ message: 'import_invalid', detail: JSON.stringify(problems.slice(0, 200)) },
			{ status: 422 }
		);
	return rpcResponse('import_stage_rows', { batch: params.batch, rows: text, start: offset }, locals.claims);
};
