import { error } from '@sveltejs/kit';
import { getCampaignGrids, getVisitedShare, getProgress } from '$lib/features/campaigns/campaign-api';
import type { PageLoad } from './$types';

// Promises: the page frame appears at once, the map when its grids have arrived.
export const load: PageLoad = ({ fetch, params }) => {
	const id = Number(params.id);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, 'campaign_not_found');
	return {
		id,
		progress: getProgress(fetch, id),
		grids: getCampaignGrids(fetch, id),
		visitedShare: getVisitedShare(fetch, id)
	};
};
