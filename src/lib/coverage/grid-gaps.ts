// Parts of a village in no grid of its own, and parts only in grids nobody covers. When the
// village's grids tile it exactly (the usual case: grids are cut from their village) the answer
// follows from the grids alone; otherwise one small overlay per village, never a city-wide union.
import type { MultiPolygon, Polygon } from 'geojson';
import { areaKm2, areaM2 } from '../geo/area.ts';
import { bboxOf, bboxesOverlap } from '../geo/bbox.ts';
import { difference, intersection, union } from '../geo/overlay.ts';
import { partsTileWhole } from '../geo/tiling.ts';
import type { Areal } from '../geo/types.ts';
import type { CoverageContext } from './context.ts';
import type { GridOutsideVillage, VillageOutsideGrids, VillageUncoveredGrids } from './findings.ts';
import { GRID_OUTSIDE_TOLERANCE_M2 } from './options.ts';

type GapFinding = VillageOutsideGrids | VillageUncoveredGrids | GridOutsideVillage;

export function gridGaps(ctx: CoverageContext, villageId: number): GapFinding[] {
	const village = ctx.villageById.get(villageId);
	if (!village || !ctx.validVillage(villageId)) return [];
	const out: GapFinding[] = [];
	const vg = village.geometry;
	const grids = ctx.validGridsOf(villageId);
	const covered = grids.filter((g) => ctx.primaryOf(g.id));
	const uncovered = grids.filter((g) => !ctx.primaryOf(g.id));
	const minKm2 = ctx.options.minGapAreaM2 / 1e6;

	let outside: Areal | null = null;
	let uncoveredGeom: Areal | null = null;
	let uncoveredKm2 = 0;
	if (
		grids.length > 0 &&
		partsTileWhole(
			vg,
			grids.map((g) => g.geometry)
		)
	) {
		uncoveredGeom = union(uncovered.map((g) => g.geometry));
		for (const g of uncovered) uncoveredKm2 += ctx.gridAreaKm2(g);
	} else {
		outside = difference(
			vg,
			grids.map((g) => g.geometry)
		);
		for (const g of grids) {
			const out1 = difference(g.geometry, [vg]);
			const m2 = areaM2(out1);
			if (m2 > GRID_OUTSIDE_TOLERANCE_M2)
				out.push({
					kind: 'grid_outside_village',
					id: `grid_outside_village:${g.id}`,
					reason: 'input.grid_outside_village',
					gridId: g.id,
					villageId,
					areaKm2: m2 / 1e6,
					geometry: out1 as Polygon | MultiPolygon,
					households: 0,
					population: 0
				});
		}
		const pieces: Areal[] = [];
		for (const u of uncovered) {
			const inside = intersection(u.geometry, vg);
			if (!inside) continue;
			const box = bboxOf(u.geometry);
			const over = covered.filter((c) => bboxesOverlap(box, bboxOf(c.geometry))).map((c) => c.geometry);
			const piece = difference(inside, over);
			if (piece) pieces.push(piece);
		}
		uncoveredGeom = union(pieces);
		uncoveredKm2 = areaKm2(uncoveredGeom);
	}

	const outsideKm2 = areaKm2(outside);
	const loose = ctx.tally(ctx.looseHouseholdsOfVillage.get(villageId) ?? []);
	if (outsideKm2 >= minKm2 || loose.count > 0)
		out.push({
			kind: 'village_outside_grids',
			id: `village_outside_grids:${villageId}`,
			reason: 'gap.outside_grids',
			villageId,
			areaKm2: outsideKm2 >= minKm2 ? outsideKm2 : 0,
			geometry: outsideKm2 >= minKm2 ? (outside as Polygon | MultiPolygon) : null,
			households: loose.count,
			population: loose.residents
		});
	if (uncovered.length > 0) {
		const hh = ctx.tally(uncovered.flatMap((g) => ctx.householdsOfGrid.get(g.id) ?? []));
		if (uncoveredKm2 >= minKm2 || hh.count > 0)
			out.push({
				kind: 'village_uncovered_grids',
				id: `village_uncovered_grids:${villageId}`,
				reason: 'gap.uncovered_grids',
				villageId,
				gridIds: uncovered.map((g) => g.id).sort((a, b) => a - b),
				areaKm2: uncoveredKm2 >= minKm2 ? uncoveredKm2 : 0,
				geometry: uncoveredKm2 >= minKm2 ? (uncoveredGeom as Polygon | MultiPolygon) : null,
				households: hh.count,
				population: hh.residents
			});
	}
	return out;
}
