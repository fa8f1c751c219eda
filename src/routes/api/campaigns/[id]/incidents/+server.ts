// The incidents a campaign's visits opened, with their knock lists.
import { positiveId, rpcResponse } from '$lib/server/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, locals }) =>
	rpcResponse('campaign_incidents', { campaign_id: positiveId(Number(params.id)) }, locals.claims);
