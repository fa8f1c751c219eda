// Which campaign the figures follow: the running campaigns a user can switch between and the
// one followed now. A type of the API (GET/POST /api/campaigns/choice, campaign_choice()).

export interface RunningCampaign {
	id: number;
	name: string;
	starts_on: string;
	ends_on: string;
	/** grids and households of it in the user's jurisdiction */
	grids: number;
	households: number;
	/** grids of it in all */
	total_grids: number;
}

export interface CampaignChoice {
	/** the campaign the figures follow now; null = none running */
	current: number | null;
	/** the user's own choice; null = the default (the largest in the jurisdiction) */
	chosen: number | null;
	running: RunningCampaign[];
}
