// Which campaign the figures follow, from the browser: the running campaigns the user can
// switch between, and the choice (null = the default, the largest in the jurisdiction).
import type { CampaignChoice } from '../types/campaign-choice.ts';
import { requestJson, type Fetch } from './request.ts';

export type { CampaignChoice, RunningCampaign } from '../types/campaign-choice.ts';

const PATH = '/api/campaigns/choice';

export const getCampaignChoice = (f: Fetch) => requestJson<CampaignChoice>(f, PATH);
export const chooseCampaign = (f: Fetch, campaignId: number | null) =>
	requestJson<CampaignChoice>(f, PATH, { method: 'POST', body: { campaign_id: campaignId } });
