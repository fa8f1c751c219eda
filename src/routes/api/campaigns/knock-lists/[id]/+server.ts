// Ticking a door of a knock list off with its outcome.
import { parseBody } from '$lib/server/body';
import { positiveId, rpcResponse } from '$lib/server/respond';
import { Knock } from '$lib/server/request-schemas';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ params, request, locals }) => {
	const list_id = positiveId(Number(params.id));
	return rpcResponse('record_knock', { list_id, ...(await parseBody(request, Knock)) }, locals.claims);
};
