// Assign, replace or unassign a grid's officer. The database decides who may and records the
// audit row; `expected_officer_id` is the officer the caller saw, so a change made meanwhile by
// someone else is a 409 conflict instead of a silent overwrite.
import { parseBody } from '$lib/server/body';
import { positiveId, rpcResponse } from '$lib/server/respond';
import { Assign, Unassign } from '$lib/server/request-schemas';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ params, request, locals }) => {
	const grid_id = positiveId(Number(params.id));
	return rpcResponse('assign_officer', { grid_id, ...(await parseBody(request, Assign)) }, locals.claims);
};

export const DELETE: RequestHandler = async ({ params, request, locals }) => {
	const grid_id = positiveId(Number(params.id));
	return rpcResponse('unassign_officer', { grid_id, ...(await parseBody(request, Unassign)) }, locals.claims);
};
