// The domain vocabulary shared by the database, the server, the generator and the UI.
// Values are the English codes stored in the database; the i18n messages translate them.
import type { MultiPolygon, Point } from 'geojson';

export const VILLAGE_KINDS = ['village', 'community'] as const;
export type VillageKind = (typeof VILLAGE_KINDS)[number];

export const TOWNSHIP_KINDS = ['town', 'township', 'subdistrict'] as const;
export type TownshipKind = (typeof TOWNSHIP_KINDS)[number];

/** 民警, 辅警, 警务助理 */
export const OFFICER_KINDS = ['police', 'auxiliary', 'assistant'] as const;
export type OfficerKind = (typeof OFFICER_KINDS)[number];

export const OFFICER_STATUSES = ['active', 'retired'] as const;
export type OfficerStatus = (typeof OFFICER_STATUSES)[number];

/** 警务室, 联勤警务站, 工作点 */
export const POST_KINDS = ['office', 'joint_station', 'work_point'] as const;
export type PostKind = (typeof POST_KINDS)[number];

/** A grid has one primary officer (一格一警) and any number of helpers. */
export const ASSIGNMENT_ROLES = ['primary', 'helper'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

/** 刑事 治安 纠纷 诈骗 交通 求助 火灾 其他 — order is the colour order of the legend. */
export const INCIDENT_CATEGORIES = [
	'criminal',
	'public_order',
	'dispute',
	'fraud',
	'traffic',
	'assistance',
	'fire',
	'other'
] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];

/** 新建 → 已派警 → 处置中 → 已办结 */
export const INCIDENT_STATUSES = ['new', 'dispatched', 'on_scene', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Disputes only: 已调解 / 未调解 */
export const MEDIATION_STATUSES = ['mediated', 'unresolved'] as const;
export type MediationStatus = (typeof MEDIATION_STATUSES)[number];

export const VISIT_OUTCOMES = ['visited', 'nobody_home', 'refused'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];

/** Door-knock campaign participants: officers and the many civilians who join them. */
export const VISITOR_KINDS = [
	'police',
	'auxiliary',
	'assistant',
	'grid_worker',
	'volunteer',
	'village_cadre',
	'building_head',
	'bank_staff',
	'womens_federation'
] as const;
export type VisitorKind = (typeof VISITOR_KINDS)[number];

export const CAMPAIGN_TOPICS = [
	'anti_fraud',
	'elder_fraud',
	'dispute_screening',
	'fire_safety',
	'traffic_law'
] as const;
export type CampaignTopic = (typeof CAMPAIGN_TOPICS)[number];

/** 重点单位: enterprises, hazardous-chemical sites, schools, banks, markets */
export const KEY_UNIT_KINDS = ['enterprise', 'hazardous', 'school', 'bank', 'market'] as const;
export type KeyUnitKind = (typeof KEY_UNIT_KINDS)[number];

/** Who a signed-in user is to the app: 指挥室, 所长, planner, 民警/辅警/警务助理, admin. */
export const APP_ROLES = ['command', 'station_head', 'planner', 'officer', 'admin'] as const;
export type AppRole = (typeof APP_ROLES)[number];

/**
 * county: 遂昌县; city: 丽水市; region: 丽水市 and 衢州市 on one server (just past the province
 * thresholds, small enough to seed in a minute); province: 11 cities.
 */
export const DEMO_SCALES = ['county', 'city', 'region', 'province'] as const;
export type DemoScale = (typeof DEMO_SCALES)[number];

// Row shapes as the generator produces them and the seeder inserts them. Geometry is GeoJSON
// in WGS84/CGCS2000 lon-lat; ids are positive integers unique per table.

export interface CountyRow {
	id: number;
	code: string;
	name: string;
	geom: MultiPolygon;
}
export interface TownshipRow {
	id: number;
	county_id: number;
	code: string;
	name: string;
	kind: TownshipKind;
	geom: MultiPolygon;
}
export interface StationRow {
	id: number;
	county_id: number;
	code: string;
	name: string;
	geom: Point;
}
export interface VillageRow {
	id: number;
	township_id: number;
	station_id: number;
	code: string;
	name: string;
	kind: VillageKind;
	population: number;
	geom: MultiPolygon;
}
export interface GridRow {
	id: number;
	village_id: number;
	code: string;
	name: string;
	geom: MultiPolygon;
}
export interface PostRow {
	id: number;
	station_id: number;
	code: string;
	name: string;
	kind: PostKind;
	geom: Point;
}
export interface OfficerRow {
	id: number;
	station_id: number;
	post_id: number | null;
	/** the home village of a police assistant (警务助理); null for officers */
	village_id: number | null;
	badge: string;
	name: string;
	kind: OfficerKind;
	status: OfficerStatus;
	phone: string;
	geom: Point | null;
}
export interface HouseholdRow {
	id: number;
	grid_id: number;
	code: string;
	address: string;
	head_name: string;
	phone: string;
	id_number: string;
	residents: number;
	elderly_alone: boolean;
	past_fraud_victim: boolean;
	rental: boolean;
	geom: Point;
}
export interface AssignmentRow {
	id: number;
	grid_id: number;
	officer_id: number;
	role: AssignmentRole;
	/** ISO timestamps; valid_to null = still active */
	valid_from: string;
	valid_to: string | null;
}
export interface IncidentRow {
	id: number;
	code: string;
	category: IncidentCategory;
	status: IncidentStatus;
	/** 1 = urgent, 2 = normal, 3 = low */
	priority: 1 | 2 | 3;
	summary: string;
	occurred_at: string;
	mediation_status: MediationStatus | null;
	geom: Point;
}
export interface CampaignRow {
	id: number;
	name: string;
	topics: CampaignTopic[];
	starts_on: string;
	ends_on: string;
	/** share of households to visit, 0..1 */
	target_share: number;
}
export interface CampaignBlockRow {
	id: number;
	campaign_id: number;
	name: string;
	geom: MultiPolygon;
}
export interface CampaignVisitRow {
	id: number;
	campaign_id: number;
	household_id: number;
	visited_at: string;
	outcome: VisitOutcome;
	visitor_kind: VisitorKind;
	topics: CampaignTopic[];
	fraud_risk_found: boolean;
	money_protected: number;
	dispute_found: boolean;
	fire_hazard_found: boolean;
	/** device position when the visit was logged */
	geom: Point;
}
export interface KeyUnitRow {
	id: number;
	name: string;
	kind: KeyUnitKind;
	officer_id: number | null;
	geom: Point;
}

/** Everything the demo generator makes, in insertion order. */
export interface DemoData {
	scale: DemoScale;
	seed: number;
	/** the instant the data is anchored to (incidents run up to it) */
	now: string;
	counties: CountyRow[];
	townships: TownshipRow[];
	stations: StationRow[];
	villages: VillageRow[];
	grids: GridRow[];
	posts: PostRow[];
	officers: OfficerRow[];
	households: HouseholdRow[];
	assignments: AssignmentRow[];
	incidents: IncidentRow[];
	campaigns: CampaignRow[];
	campaign_blocks: CampaignBlockRow[];
	campaign_visits: CampaignVisitRow[];
	key_units: KeyUnitRow[];
}
