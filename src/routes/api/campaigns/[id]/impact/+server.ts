// Did the door-knocking work? Incidents per category in the weeks after each grid's first
// visits against as many weeks before, beside comparable grids not yet reached (?weeks=2–26).
import { error } from '@sveltejs/kit';
import { positiveId, rpcResponse } from '$lib/server/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, url, locals }) => {
	const weeks = Number(url.searchParams.get('weeks') ?? 8);
	if (!Number.isInteger(weeks) || weeks < 2 || weeks > 26) error(400, 'impact_weeks_invalid');
	return rpcResponse(
		'campaign_impact',
		{ campaign_id: positiveId(Number(params.id)), weeks },
		locals.claims,
		{ notFound: 'campaign_not_found' }
	);
};
