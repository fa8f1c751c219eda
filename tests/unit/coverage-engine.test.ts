// The engine on the hand-made fixture: every planted gap found with its exact households, and
// the incremental update giving the same answer as a full analysis.
import { describe, expect, it } from 'vitest';
import { analyse, CoverageCache } from '../../src/lib/coverage/engine.ts';
import type { Finding } from '../../src/lib/coverage/findings.ts';
import { fixtureInput, fixtureOptions } from '../fixtures/coverage/fixtures.ts';

const findings = analyse(fixtureInput, fixtureOptions);
const byId = new Map(findings.map((f) => [f.id, f]));
const get = <K extends Finding['kind']>(id: string, kind: K) => {
	const f = byId.get(id);
	expect(f?.kind, id).toBe(kind);
	return f as Extract<Finding, { kind: K }>;
};

describe('coverage engine on the fixture', () => {
	it('finds the unassigned grid with its households', () => {
		const f = get('grid_unassigned:12', 'grid_unassigned');
		expect([f.households, f.population]).toEqual([3, 8]);
		expect(findings.filter((x) => x.kind === 'grid_unassigned').map((x) => x.id)).toEqual([
			'grid_unassigned:12'
		]);
	});

	it('reports villages without officer or assistant', () => {
		const ids = (kind: string) => findings.filter((x) => x.kind === kind).map((x) => x.id);
		// village 1 has only a helper on grid 12 but a primary on grid 11; village 2's assistant is retired
		expect(ids('village_no_officer')).toEqual([
			'village_no_officer:4',
			'village_no_officer:5',
			'village_no_officer:8'
		]);
		expect(ids('village_no_assistant')).toContain('village_no_assistant:2');
		expect(ids('village_no_assistant')).not.toContain('village_no_assistant:1');
	});

	it('measures the strip outside the grids of the village with a hole', () => {
		const f = get('village_outside_grids:1', 'village_outside_grids');
		// 0.01° × 0.005° at 28.5°N on the sphere ≈ 0.543 km²
		expect(f.areaKm2).toBeCloseTo(0.5432, 3);
		expect([f.households, f.population]).toEqual([1, 6]);
	});

	it('clips a grid crossing its village and reports the overhang', () => {
		expect(get('grid_outside_village:31', 'grid_outside_village').areaKm2).toBeCloseTo(1.086, 2);
		expect(byId.has('village_outside_grids:3')).toBe(false);
	});

	it('counts a multipolygon village tiled by its grids as fully gridded', () => {
		expect(byId.has('village_outside_grids:2')).toBe(false);
		expect(byId.has('village_uncovered_grids:2')).toBe(false);
	});

	it('counts a village exactly at R as reached and one 10 m beyond as out of reach', () => {
		expect(get('reach_gap:4', 'reach_gap').households).toBe(1);
		expect(byId.has('village_out_of_reach:4')).toBe(false);
		const beyond = get('village_out_of_reach:5', 'village_out_of_reach');
		expect(beyond.distanceKm).toBeCloseTo(3.01, 6);
		expect(beyond.households).toBe(1);
	});

	it('reports invalid geometry as findings, and leaves it out of the overlays', () => {
		expect(get('invalid_input:village:6:input.self_intersection', 'invalid_input').entity).toBe('village');
		expect(byId.has('invalid_input:village:8:input.zero_area')).toBe(true);
		expect(byId.has('invalid_input:grid:71:input.self_intersection')).toBe(true);
		expect(byId.has('reach_gap:6') || byId.has('village_out_of_reach:6')).toBe(false);
		// village 7's only grid is invalid: the whole village lies outside usable grids
		expect(get('village_outside_grids:7', 'village_outside_grids').areaKm2).toBeCloseTo(1.0865, 3);
	});

	it('compares campaign shares exactly: at target is no shortfall', () => {
		expect(byId.has('campaign_grid_shortfall:1:11')).toBe(false);
		expect(get('campaign_grid_shortfall:1:12', 'campaign_grid_shortfall').unvisitedHouseholdIds).toEqual([
			6, 7
		]);
		expect(get('campaign_village_shortfall:1:1', 'campaign_village_shortfall').households).toBe(4);
	});

	it('flags officers over the workload limit', () => {
		expect(get('officer_overloaded:2', 'officer_overloaded').gridIds).toEqual([21, 22, 31]);
		expect(analyse(fixtureInput, { workloadLimit: 100 }).some((f) => f.kind === 'officer_overloaded')).toBe(
			false
		);
	});

	it('reports dangling references instead of dropping them', () => {
		const input = {
			...fixtureInput,
			households: [
				...fixtureInput.households,
				{ id: 999, gridId: 4242, residents: 1, point: [119.515, 28.518] as [number, number] }
			],
			assignments: [...fixtureInput.assignments, { gridId: 12, officerId: 77, role: 'primary' as const }]
		};
		const ids = analyse(input, fixtureOptions).map((f) => f.id);
		expect(ids).toContain('invalid_input:household:999:input.unknown_grid');
		expect(ids).toContain('invalid_input:assignment:12:input.unknown_officer');
	});
});

describe('incremental update', () => {
	it('gives the same findings as a full analysis after an assignment change', () => {
		const cache = new CoverageCache(fixtureInput, fixtureOptions);
		cache.setGridAssignments(12, [{ officerId: 1, role: 'primary' }]);
		const changed = {
			...fixtureInput,
			assignments: [
				...fixtureInput.assignments.filter((a) => a.gridId !== 12),
				{ gridId: 12, officerId: 1, role: 'primary' as const }
			]
		};
		const strip = (fs: Finding[]) => fs.map((f) => ({ ...f, geometry: null }));
		expect(strip(cache.findings())).toEqual(strip(analyse(changed, fixtureOptions)));
		expect(cache.findings().some((f) => f.id === 'grid_unassigned:12')).toBe(false);
		expect(cache.findings().find((f) => f.id === 'officer_overloaded:1')?.households).toBe(8);
	});
});
