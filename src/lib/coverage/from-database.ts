// From the JSON of `public.coverage_input()` (supabase/schemas/14_coverage_input.sql) to the engine's input.
import type { MultiPolygon, Polygon } from 'geojson';
import type { AssignmentRole, OfficerKind, OfficerStatus } from '../types/domain.ts';
import type { CoverageInput, LonLat, ReachPointInput } from './input.ts';

export interface CoverageInputJson {
	villages: { id: number; county_id: number | null; geometry: Polygon | MultiPolygon }[];
	grids: { id: number; village_id: number; geometry: Polygon | MultiPolygon }[];
	officers: { id: number; kind: OfficerKind; status: OfficerStatus; village_id: number | null }[];
	assignments: { grid_id: number; officer_id: number; role: AssignmentRole }[];
	reach_points: { id: number; kind: ReachPointInput['kind']; point: LonLat }[];
	households: { id: number[]; grid_id: (number | null)[]; residents: number[]; lon: number[]; lat: number[] };
	campaign: { id: number; target_share: number | string; grid_ids: number[] } | null;
	visited_household_ids: number[];
	counties: { id: number; geometry: Polygon | MultiPolygon }[];
}

export function coverageInputFromJson(json: CoverageInputJson): CoverageInput {
	const h = json.households;
	return {
		villages: json.villages.map((v) => ({ id: v.id, countyId: v.county_id, geometry: v.geometry })),
		grids: json.grids.map((g) => ({ id: g.id, villageId: g.village_id, geometry: g.geometry })),
		officers: json.officers.map((o) => ({
			id: o.id,
			kind: o.kind,
			active: o.status === 'active',
			villageId: o.village_id
		})),
		assignments: json.assignments.map((a) => ({ gridId: a.grid_id, officerId: a.officer_id, role: a.role })),
		reachPoints: json.reach_points.map((p) => ({ id: p.id, kind: p.kind, point: p.point })),
		households: h.id.map((id, i) => ({
			id,
			gridId: h.grid_id[i],
			residents: h.residents[i],
			point: [h.lon[i], h.lat[i]]
		})),
		campaign: json.campaign
			? {
					id: json.campaign.id,
					// numeric arrives as a number from json_build_object, but be lenient
					targetShare: Number(json.campaign.target_share),
					gridIds: json.campaign.grid_ids
				}
			: null,
		visits: json.visited_household_ids.map((householdId) => ({ householdId, outcome: 'visited' })),
		counties: json.counties
	};
}
