// The outlines of a campaign's grids (fetched once; the figures refresh separately).
import { positiveId, rpcResponse } from '$lib/server/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, locals }) =>
	rpcResponse('campaign_grids', { campaign_id: positiveId(Number(params.id)) }, locals.claims);
