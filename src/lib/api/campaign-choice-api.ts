// Which campaign the figures follow, from the browser: the running campaigns the user can
// switch between, and the choice (null = the default, the largest in the jurisdiction).
import { requestJson, type Fetch } from './request.ts';

export interface RunningCampaign {
	id: number;
	name: string;
	starts_on: string;
	ends_on: string;
	station_id: number | null;
	/** grids and households of it in the user's jurisdiction */
	grids: number;
	households: number;
	/** grids of it in all */
	total_grids: number;
}

export interface CampaignChoice {
	/** the campaign the figures follow now; null = none running */
	current: number | null;
	/** the user's own choice; null = the default */
	chosen: number | null;
	running: RunningCampaign[];
}

const PATH = '/api/campaigns/choice';

export const getCampaignChoice = (f: Fetch) => requestJson<CampaignChoice>(f, PATH);
export const chooseCampaign = (f: Fetch, campaignId: number | null) =>
	requestJson<CampaignChoice>(f, PATH, { method: 'POST', body: { campaign_id: campaignId } });
