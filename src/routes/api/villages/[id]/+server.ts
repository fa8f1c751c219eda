import { positiveId, rpcResponse } from '$lib/server/respond';
import type { RequestHandler } from './$types';

// A village's facts for the side panel; null from the database means the caller may not see it.
export const GET: RequestHandler = ({ params, locals }) =>
	rpcResponse('village_facts', { village_id: positiveId(Number(params.id)) }, locals.claims, {
		notFound: 'village_not_found'
	});
