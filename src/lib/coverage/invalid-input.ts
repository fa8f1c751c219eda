// Input the engine cannot use as given, reported as findings of their own: an invalid shape
// would make Turf throw or answer nonsense (and PostGIS return nothing), a dangling id would
// silently lose households. The rest of the analysis leaves these out and says so here.
import type { Geometry } from 'geojson';
import { geometryProblem } from '../geo/validity.ts';
import type { CoverageInput, LonLat } from './input.ts';
import type { InputEntity, InvalidInput, InvalidReason } from './findings.ts';

export interface Validation {
	findings: InvalidInput[];
	/** villages and grids whose geometry is unusable (left out of every overlay) */
	badVillages: Set<number>;
	badGrids: Set<number>;
	badCounties: Set<number>;
	/** indexes into input.households / input.reachPoints with unusable points */
	badHouseholds: Set<number>;
	badReachPoints: Set<number>;
	/** indexes into input.assignments that are ignored */
	badAssignments: Set<number>;
}

const validPoint = (p: LonLat | null | undefined): boolean =>
	Array.isArray(p) &&
	Number.isFinite(p[0]) &&
	Number.isFinite(p[1]) &&
	Math.abs(p[0]) <= 180 &&
	Math.abs(p[1]) <= 90;

export function invalidFinding(
	entity: InputEntity,
	entityId: number,
	reason: InvalidReason,
	geometry: Geometry | null = null,
	households = 0,
	population = 0
): InvalidInput {
	return {
		kind: 'invalid_input',
		id: `invalid_input:${entity}:${entityId}:${reason}`,
		reason,
		entity,
		entityId,
		geometry,
		households,
		population
	};
}

export function validateInput(input: CoverageInput): Validation {
	const v: Validation = {
		findings: [],
		badVillages: new Set(),
		badGrids: new Set(),
		badCounties: new Set(),
		badHouseholds: new Set(),
		badReachPoints: new Set(),
		badAssignments: new Set()
	};
	const report = (entity: InputEntity, id: number, reason: InvalidReason, geometry: Geometry | null = null) =>
		v.findings.push(invalidFinding(entity, id, reason, geometry));

	const duplicates = <T extends { id: number }>(rows: T[], entity: InputEntity) => {
		const seen = new Set<number>();
		for (const r of rows) {
			if (seen.has(r.id)) report(entity, r.id, 'input.duplicate_id');
			seen.add(r.id);
		}
		return seen;
	};
	const villageIds = duplicates(input.villages, 'village');
	const gridIds = duplicates(input.grids, 'grid');
	const officerIds = duplicates(input.officers, 'officer');
	duplicates(input.households, 'household');

	for (const village of input.villages) {
		const problem = geometryProblem(village.geometry);
		if (problem) {
			v.badVillages.add(village.id);
			report('village', village.id, problem, village.geometry as Geometry);
		}
	}
	for (const grid of input.grids) {
		const problem = geometryProblem(grid.geometry);
		if (problem) {
			v.badGrids.add(grid.id);
			report('grid', grid.id, problem, grid.geometry as Geometry);
		}
		if (!villageIds.has(grid.villageId)) report('grid', grid.id, 'input.unknown_village');
	}
	for (const county of input.counties ?? []) {
		const problem = geometryProblem(county.geometry);
		if (problem) {
			v.badCounties.add(county.id);
			report('county', county.id, problem, county.geometry as Geometry);
		}
	}
	input.households.forEach((h, i) => {
		if (!validPoint(h.point)) {
			v.badHouseholds.add(i);
			report('household', h.id, 'input.invalid_point');
		} else if (h.gridId !== null && !gridIds.has(h.gridId)) {
			// kept, and located by its point like a household in no grid
			report('household', h.id, 'input.unknown_grid', { type: 'Point', coordinates: h.point });
		}
	});
	input.reachPoints.forEach((p, i) => {
		if (!validPoint(p.point)) {
			v.badReachPoints.add(i);
			report('reach_point', p.id, 'input.invalid_point');
		}
	});
	for (const o of input.officers)
		if (o.kind === 'assistant' && o.villageId !== null && !villageIds.has(o.villageId))
			report('officer', o.id, 'input.unknown_village');
	const primaryOf = new Set<number>();
	input.assignments.forEach((a, i) => {
		// an assignment has no id of its own: it is reported under its grid
		if (!gridIds.has(a.gridId)) {
			v.badAssignments.add(i);
			report('assignment', a.gridId, 'input.unknown_grid');
		} else if (!officerIds.has(a.officerId)) {
			v.badAssignments.add(i);
			report('assignment', a.gridId, 'input.unknown_officer');
		} else if (a.role === 'primary') {
			if (primaryOf.has(a.gridId)) {
				// the first one counts, as the database would have refused the second
				v.badAssignments.add(i);
				report('assignment', a.gridId, 'input.duplicate_primary');
			}
			primaryOf.add(a.gridId);
		}
	});
	const c = input.campaign;
	if (c && !(c.targetShare > 0 && c.targetShare <= 1)) report('campaign', c.id, 'input.invalid_target');
	return v;
}
