// The campaign the caller's figures follow: the running ones they can switch between, and their
// choice (null = back to the default, the largest running campaign of their jurisdiction).
import { parseBody } from '$lib/server/body';
import { rpcResponse } from '$lib/server/respond';
import { CampaignChoiceBody } from '$lib/server/request-schemas';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) => rpcResponse('campaign_choice', {}, locals.claims);

export const POST: RequestHandler = async ({ request, locals }) => {
	const { campaign_id } = await parseBody(request, CampaignChoiceBody);
	return rpcResponse('choose_campaign', { campaign_id: campaign_id ?? null }, locals.claims);
};
