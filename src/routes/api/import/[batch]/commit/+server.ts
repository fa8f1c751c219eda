// Applies a staged import in one transaction: the database checks every rule again, upserts by
// code, audits, and answers with the summary (created, updated, unchanged) or import_invalid
// naming the features (422) — in which case nothing was written.
import { error, json } from '@sveltejs/kit';
import { dataPort } from '$lib/server/db';
import { dataErrorResponse } from '$lib/server/respond';
import type { RequestHandler } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const POST: RequestHandler = async ({ params, locals }) => {
	if (!UUID.test(params.batch)) error(400, 'invalid_id');
	try {
		return json(await (await dataPort()).call('import_commit', { batch: params.batch }, locals.claims));
	} catch (e) {
		return dataErrorResponse(e);
	}
};
