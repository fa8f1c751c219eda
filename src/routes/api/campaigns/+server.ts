// The campaigns the caller can see, and planning a new one (the database checks who may plan
// where, splits the scope into blocks and stores the teams in one transaction).
import { parseBody } from '$lib/server/body';
import { rpcResponse } from '$lib/server/respond';
import { CAMPAIGN_PLAN_BODY_LIMIT, CampaignPlan } from '$lib/server/request-schemas';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) => rpcResponse('list_campaigns', {}, locals.claims);

export const POST: RequestHandler = async ({ request, locals }) => {
	const plan = await parseBody(request, CampaignPlan, CAMPAIGN_PLAN_BODY_LIMIT);
	return rpcResponse('create_campaign', { plan: JSON.stringify(plan) }, locals.claims, { status: 201 });
};
