// The visited share per grid as columns: what the campaign page refreshes when visits arrive on
// the live channel.
import { positiveId, rpcResponse } from '$lib/server/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, locals }) =>
	rpcResponse('campaign_visited_share', { campaign_id: positiveId(Number(params.id)) }, locals.claims);
