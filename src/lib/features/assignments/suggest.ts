// "Suggest for unassigned grids": for each grid without a primary officer, the nearest officer
// of its station who can still take its households under the limit. Biggest grids are placed
// first, so they get the nearest officers while loads are still low; each placement adds to the
// officer's load, so the suggestions balance households across the station. Pure: the server
// calls it with what officer_workload() and unassigned_grids() return.
import { DEFAULT_OPTIONS } from '../../coverage/options.ts';
import type { Suggestion } from '../../types/assignments.ts';
import type { OfficerKind } from '../../types/domain.ts';

export type { Suggestion };

export interface OpenGrid {
	id: number;
	name: string;
	village: string;
	station_id: number;
	households: number;
	/** a point inside the grid */
	point: [number, number];
}

export interface Candidate {
	id: number;
	name: string;
	kind: OfficerKind;
	station_id: number;
	position: [number, number] | null;
	households: number;
	grids: number;
}

/**
 * The same limit the coverage engine flags overloaded officers by, so a suggestion never
 * creates a finding; the head can change it per request.
 */
export const DEFAULT_HOUSEHOLD_LIMIT = DEFAULT_OPTIONS.workloadLimit;

/** 一格一警: police assistants help but are never a grid's primary officer. */
const PRIMARY_KINDS: ReadonlySet<OfficerKind> = new Set(['police', 'auxiliary']);

const EARTH_KM = 6371.0088;

export function distanceKm(a: [number, number], b: [number, number]): number {
	const rad = Math.PI / 180;
	const dLat = (b[1] - a[1]) * rad;
	const dLon = (b[0] - a[0]) * rad;
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
	return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function suggestAssignments(grids: OpenGrid[], officers: Candidate[], limit: number): Suggestion[] {
	const byStation = new Map<number, { officer: Candidate; load: number }[]>();
	for (const officer of officers) {
		if (!PRIMARY_KINDS.has(officer.kind) || !officer.position) continue;
		const list = byStation.get(officer.station_id) ?? [];
		list.push({ officer, load: officer.households });
		byStation.set(officer.station_id, list);
	}
	const order = [...grids].sort((a, b) => b.households - a.households || a.id - b.id);
	const out: Suggestion[] = [];
	for (const grid of order) {
		const pool = byStation.get(grid.station_id);
		if (!pool?.length) continue;
		let nearest: { entry: (typeof pool)[number]; km: number } | null = null;
		let lightest = pool[0];
		for (const entry of pool) {
			if (
				entry.load < lightest.load ||
				(entry.load === lightest.load && entry.officer.id < lightest.officer.id)
			)
				lightest = entry;
			if (entry.load + grid.households > limit) continue;
			const km = distanceKm(grid.point, entry.officer.position as [number, number]);
			if (!nearest || km < nearest.km || (km === nearest.km && entry.officer.id < nearest.entry.officer.id))
				nearest = { entry, km };
		}
		const chosen = nearest?.entry ?? lightest;
		chosen.load += grid.households;
		out.push({
			grid_id: grid.id,
			grid: grid.name,
			village: grid.village,
			households: grid.households,
			officer_id: chosen.officer.id,
			officer: chosen.officer.name,
			distance_km:
				Math.round(
					(nearest?.km ?? distanceKm(grid.point, chosen.officer.position as [number, number])) * 100
				) / 100,
			load_after: chosen.load,
			over_limit: nearest === null
		});
	}
	return out;
}
