// What the coverage engine reads: plain data, ids and GeoJSON in lon-lat (WGS84/CGCS2000),
// so it runs the same in Node, in a Web Worker and in tests. Only the present counts: the
// assignments are the active ones, the campaign is the one being analysed.
import type { MultiPolygon, Polygon } from 'geojson';
import type { AssignmentRole, OfficerKind, VisitOutcome } from '../types/domain.ts';

export type LonLat = [number, number];

export interface VillageInput {
	id: number;
	/** groups the reach totals; optional for hand-made inputs */
	countyId?: number | null;
	geometry: Polygon | MultiPolygon;
}

export interface GridInput {
	id: number;
	villageId: number;
	geometry: Polygon | MultiPolygon;
}

export interface OfficerInput {
	id: number;
	kind: OfficerKind;
	active: boolean;
	/** home village of a police assistant (警务助理) */
	villageId: number | null;
}

/** An assignment in force now (the database's `upper_inf(during)`). */
export interface AssignmentInput {
	gridId: number;
	officerId: number;
	role: AssignmentRole;
}

/** A police point that reaches the villages around it: a post, or a station (派出所). */
export interface ReachPointInput {
	id: number;
	kind: 'office' | 'joint_station' | 'work_point' | 'station';
	point: LonLat;
}

export interface HouseholdInput {
	id: number;
	/** null when the address lies in no grid */
	gridId: number | null;
	residents: number;
	point: LonLat;
}

export interface CampaignInput {
	id: number;
	/** share of households to visit, 0..1 */
	targetShare: number;
	/** the grids in the campaign's blocks */
	gridIds: number[];
}

export interface VisitInput {
	householdId: number;
	outcome: VisitOutcome;
}

export interface CountyInput {
	id: number;
	geometry: Polygon | MultiPolygon;
}

export interface CoverageInput {
	villages: VillageInput[];
	grids: GridInput[];
	officers: OfficerInput[];
	assignments: AssignmentInput[];
	/** posts and stations, kept apart by `kind` (their ids may repeat across kinds) */
	reachPoints: ReachPointInput[];
	households: HouseholdInput[];
	campaign: CampaignInput | null;
	/** the campaign's visits */
	visits: VisitInput[];
	counties?: CountyInput[];
}
