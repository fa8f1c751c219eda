// Applies a staged import in one transaction: the database checks every rule again, upserts by
// code, audits, and answers with the summary (created, updated, unchanged) or import_invalid
// naming the features (422) — in which case nothing was written.
import { error } from '@sveltejs/kit';
import { UUID } from '$lib/server/body';
import { rpcResponse } from '$lib/server/respond';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ params, locals }) => {
	if (!UUID.test(params.batch)) error(400, 'invalid_id');
	return rpcResponse('import_commit', { batch: params.batch }, locals.claims);
};
