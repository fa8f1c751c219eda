// The campaign day by day: its households' door states as they changed, for the replay.
import { positiveId, rpcResponse } from '$lib/server/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, locals }) =>
	rpcResponse('campaign_replay', { campaign_id: positiveId(Number(params.id)) }, locals.claims, {
		notFound: 'campaign_not_found'
	});
