// A campaign's progress (totals, outcomes, blocks, teams, days, visits to check), and withdrawing it.
import { positiveId, rpcResponse } from '$lib/server/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, locals }) =>
	rpcResponse('campaign_progress', { campaign_id: positiveId(Number(params.id)) }, locals.claims, {
		notFound: 'campaign_not_found'
	});

export const DELETE: RequestHandler = ({ params, locals }) =>
	rpcResponse('delete_campaign', { campaign_id: positiveId(Number(params.id)) }, locals.claims);
