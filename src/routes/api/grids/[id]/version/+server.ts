// The grid's current version: an edit names it, so a change someone made meanwhile is a conflict.
import { positiveId, rpcResponse } from '$lib/server/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, locals }) =>
	rpcResponse('grid_version', { grid_id: positiveId(Number(params.id)) }, locals.claims, {
		notFound: 'grid_not_found'
	});
