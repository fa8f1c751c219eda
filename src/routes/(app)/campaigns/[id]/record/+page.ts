import { error } from '@sveltejs/kit';
import { getProgress } from '$lib/features/campaigns/campaign-api';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, params }) => {
	const id = Number(params.id);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, 'campaign_not_found');
	return { id, progress: getProgress(fetch, id) };
};
