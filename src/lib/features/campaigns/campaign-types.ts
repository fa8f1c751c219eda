// What the campaign API returns (shapes of the SQL functions in supabase/schemas/, campaign files).
import type { CampaignTopic, VisitOutcome, VisitorKind } from '$lib/types/domain';

export interface CampaignListItem {
	id: number;
	name: string;
	starts_on: string;
	ends_on: string;
	target_share: number;
	topics: CampaignTopic[];
	households: number;
	visited: number;
	blocks: number;
}

export interface BlockProgress {
	id: number;
	name: string;
	team_id: number | null;
	households: number;
	visited: number;
	vulnerable: number;
	vulnerable_visited: number;
	nobody_home: number;
	refused: number;
	visits: number;
	fraud_risks_found: number;
	money_protected: number;
	disputes_found: number;
	fire_hazards_found: number;
	far: number;
	very_far: number;
}

export interface TeamProgress {
	id: number;
	name: string;
	members: { name: string; kind: VisitorKind }[];
	blocks: number[];
	households: number;
	visited: number;
	visits: number;
	fraud_risks_found: number;
	money_protected: number;
	disputes_found: number;
	fire_hazards_found: number;
}

export interface CampaignProgress {
	campaign: {
		id: number;
		name: string;
		topics: CampaignTopic[];
		starts_on: string;
		ends_on: string;
		target_share: number;
		station_id: number | null;
	};
	totals: {
		households: number;
		visited: number;
		vulnerable: number;
		vulnerable_visited: number;
		nobody_home: number;
		refused: number;
		visits: number;
		far: number;
		very_far: number;
	};
	outcomes: {
		fraud_risks_found: number;
		money_protected: number;
		disputes_found: number;
		disputes_resolved: number;
		dispute_incidents: number;
		fire_hazards_found: number;
	};
	blocks: BlockProgress[];
	teams: TeamProgress[];
	days: { day: string; visits: number; newly_visited: number }[];
	bursts: { recorded_by: string; minute: string; visits: number }[];
	my_team_id: number | null;
}

/** The visited share per grid as parallel columns (households, visited, …), refreshed as visits arrive. */
export interface VisitedShareColumns {
	at: string;
	grid_id: number[];
	households: number[];
	visited: number[];
	vulnerable: number[];
	vulnerable_visited: number[];
	days_since: (number | null)[];
}

export type HouseholdState = 'none' | VisitOutcome;

export interface BlockHouseholds {
	id: number[];
	address: string[];
	lon: number[];
	lat: number[];
	block_id: number[];
	vulnerable: boolean[];
	state: HouseholdState[];
	last_visit_at: (string | null)[];
}

/** One visit as the phone records it and the API takes it. */
export interface VisitInput {
	client_key: string;
	household_id: number;
	visited_at: string;
	outcome: VisitOutcome;
	visitor_kind: VisitorKind;
	topics: CampaignTopic[];
	fraud_risk_found: boolean;
	money_protected: number;
	dispute_found: boolean;
	fire_hazard_found: boolean;
	lon?: number;
	lat?: number;
	/** the account that recorded it offline (claims `sub`); the server refuses it from any other */
	recorded_by?: string;
}

export interface VisitRejection {
	row: number;
	client_key: string | null;
	household_id: number | null;
	reason: string;
}

export interface RecordResult {
	ok: boolean;
	accepted: number;
	duplicates: number;
	rejected: VisitRejection[];
}

export interface CampaignPlan {
	name: string;
	starts_on: string;
	ends_on: string;
	topics: CampaignTopic[];
	target_share: number;
	scope: {
		county_ids?: number[];
		township_ids?: number[];
		village_ids?: number[];
		grid_ids?: number[];
		polygon?: import('geojson').Polygon;
	};
	block_count?: number;
	/** drawn (polygon) or listed (grid_ids) blocks, instead of block_count */
	blocks?: { name: string; grid_ids?: number[]; polygon?: import('geojson').Polygon }[];
	teams: { name: string; members: { name: string; kind: VisitorKind }[]; blocks: string[] }[];
}

export interface CampaignIncident {
	id: number;
	code: string;
	category: 'dispute' | 'fraud';
	mediation_status: 'mediated' | 'unresolved' | null;
	occurred_at: string;
	knock_lists: number;
}

export interface KnockList {
	id: number;
	incident_id: number;
	incident_code: string;
	category: string;
	due_on: string;
	overdue: boolean;
	officer_id: number | null;
	doors: { household_id: number; address: string; lon: number; lat: number; outcome: VisitOutcome | null }[];
}
