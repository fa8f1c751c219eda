// 一格一警: every grid has one active primary officer. A grid without one is a finding.
import type { Geometry } from 'geojson';
import type { CoverageContext } from './context.ts';
import type { GridUnassigned } from './findings.ts';

export function unassignedGrids(ctx: CoverageContext, villageId: number): GridUnassigned[] {
	const out: GridUnassigned[] = [];
	for (const grid of ctx.gridsOfVillage.get(villageId) ?? []) {
		if (ctx.primaryOf(grid.id)) continue;
		const hh = ctx.tally(ctx.householdsOfGrid.get(grid.id) ?? []);
		out.push({
			kind: 'grid_unassigned',
			id: `grid_unassigned:${grid.id}`,
			reason: 'gap.grid_unassigned',
			gridId: grid.id,
			villageId,
			areaKm2: ctx.gridAreaKm2(grid),
			geometry: grid.geometry as Geometry,
			households: hh.count,
			population: hh.residents
		});
	}
	return out;
}
