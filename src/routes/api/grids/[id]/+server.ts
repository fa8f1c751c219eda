import { positiveId, rpcResponse } from '$lib/server/respond';
import type { RequestHandler } from './$types';

// A grid's facts for the side panel; null from the database means the caller may not see it.
export const GET: RequestHandler = ({ params, locals }) =>
	rpcResponse('grid_facts', { grid_id: positiveId(Number(params.id)) }, locals.claims, {
		notFound: 'grid_not_found'
	});
