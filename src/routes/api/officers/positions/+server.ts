import { parseBody } from '$lib/server/body';
import { rpcResponse } from '$lib/server/respond';
import { Positions } from '$lib/server/request-schemas';
import type { RequestHandler } from './$types';

// Where officers are now: { ids, lons, lats } (an officer their own, the gateway many).
export const POST: RequestHandler = async ({ request, locals }) => {
	const { ids, lons, lats } = await parseBody(request, Positions);
	return rpcResponse('report_positions', { officer_ids: ids, lons, lats }, locals.claims);
};
