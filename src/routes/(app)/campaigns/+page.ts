import { listCampaigns } from '$lib/features/campaigns/campaign-api';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch }) => ({ campaigns: listCampaigns(fetch) });
