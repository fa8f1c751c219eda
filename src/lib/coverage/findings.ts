// What the engine reports. Every finding has a stable `id` (kind + subject ids), the geometry
// to draw, the households and residents affected, and a `reason` message key the UI translates.
import type { Geometry, MultiPolygon, Point, Polygon } from 'geojson';
import type { GeometryProblem } from '../geo/validity.ts';

interface Base {
	id: string;
	geometry: Geometry | null;
	/** households affected */
	households: number;
	/** residents of those households */
	population: number;
}

export interface GridUnassigned extends Base {
	kind: 'grid_unassigned';
	reason: 'gap.grid_unassigned';
	gridId: number;
	villageId: number;
	areaKm2: number;
}

export interface VillageNoOfficer extends Base {
	kind: 'village_no_officer';
	reason: 'gap.village_no_officer';
	villageId: number;
}

export interface VillageNoAssistant extends Base {
	kind: 'village_no_assistant';
	reason: 'gap.village_no_assistant';
	villageId: number;
}

/** Parts of a village in no grid of its own (households: those in no grid, located there). */
export interface VillageOutsideGrids extends Base {
	kind: 'village_outside_grids';
	reason: 'gap.outside_grids';
	villageId: number;
	areaKm2: number;
	geometry: Polygon | MultiPolygon | null;
}

/** Parts of a village in grids with no primary officer and under no covered grid. */
export interface VillageUncoveredGrids extends Base {
	kind: 'village_uncovered_grids';
	reason: 'gap.uncovered_grids';
	villageId: number;
	gridIds: number[];
	areaKm2: number;
	geometry: Polygon | MultiPolygon | null;
}

/** A village farther than R from every post (and station). */
export interface VillageOutOfReach extends Base {
	kind: 'village_out_of_reach';
	reason: 'gap.village_out_of_reach';
	villageId: number;
	countyId: number | null;
	/** to the nearest post or station; null when there is none */
	distanceKm: number | null;
	areaKm2: number;
}

/** The part of a partly reached village outside every reach buffer, and its households beyond R. */
export interface ReachGap extends Base {
	kind: 'reach_gap';
	reason: 'gap.reach_partial';
	villageId: number;
	countyId: number | null;
	areaKm2: number;
	geometry: Polygon | MultiPolygon | null;
}

export interface CampaignGridShortfall extends Base {
	kind: 'campaign_grid_shortfall';
	reason: 'gap.campaign_grid_below_target';
	campaignId: number;
	gridId: number;
	villageId: number;
	total: number;
	visited: number;
	target: number;
	unvisitedHouseholdIds: number[];
}

export interface CampaignVillageShortfall extends Base {
	kind: 'campaign_village_shortfall';
	reason: 'gap.campaign_village_below_target';
	campaignId: number;
	villageId: number;
	total: number;
	visited: number;
	target: number;
}

export interface OfficerOverloaded extends Base {
	kind: 'officer_overloaded';
	reason: 'gap.officer_overloaded';
	officerId: number;
	gridIds: number[];
	limit: number;
	/** the officer's grids side by side (not dissolved) */
	geometry: MultiPolygon | null;
}

/** A grid reaching out of its own village: clipped for the analysis and reported. */
export interface GridOutsideVillage extends Base {
	kind: 'grid_outside_village';
	reason: 'input.grid_outside_village';
	gridId: number;
	villageId: number;
	areaKm2: number;
	geometry: Polygon | MultiPolygon | null;
}

/** What is wrong with an input: a geometry problem (geo/validity.ts), or a record that does not fit. */
export type InvalidReason =
	| GeometryProblem
	| 'input.invalid_point'
	| 'input.duplicate_id'
	| 'input.unknown_village'
	| 'input.unknown_grid'
	| 'input.unknown_officer'
	| 'input.duplicate_primary'
	| 'input.invalid_target';

export type InputEntity =
	'village' | 'grid' | 'county' | 'household' | 'reach_point' | 'officer' | 'assignment' | 'campaign';

/** Input the engine could not use as given; what it left out of which analysis follows from the entity. */
export interface InvalidInput extends Base {
	kind: 'invalid_input';
	reason: InvalidReason;
	entity: InputEntity;
	entityId: number;
	geometry: Geometry | Point | null;
}

export type Finding =
	| GridUnassigned
	| VillageNoOfficer
	| VillageNoAssistant
	| VillageOutsideGrids
	| VillageUncoveredGrids
	| VillageOutOfReach
	| ReachGap
	| CampaignGridShortfall
	| CampaignVillageShortfall
	| OfficerOverloaded
	| GridOutsideVillage
	| InvalidInput;

export type FindingKind = Finding['kind'];

export const FINDING_KINDS: FindingKind[] = [
	'grid_unassigned',
	'village_no_officer',
	'village_no_assistant',
	'village_outside_grids',
	'village_uncovered_grids',
	'village_out_of_reach',
	'reach_gap',
	'campaign_grid_shortfall',
	'campaign_village_shortfall',
	'officer_overloaded',
	'grid_outside_village',
	'invalid_input'
];
