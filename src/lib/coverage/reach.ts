// Reach: the parts of a village farther than R from every post and station. Per village, only
// the reach points near it (kd-tree) matter: none within R → the whole village is out of reach;
// the village inside one buffer → nothing to do; otherwise one overlay with the few buffers
// around it. Summed over a county this is the county outline minus the union of all buffers,
// without ever building that union. Households are judged by their own distance.
import type { Geometry, MultiPolygon, Polygon } from 'geojson';
import { areaKm2 } from '../geo/area.ts';
import { convexContains } from '../geo/convex.ts';
import { degreesFor, haversineM, pointToArealM } from '../geo/distance.ts';
import { clipConvexToBox } from '../geo/clip-box.ts';
import { subtractConvex } from '../geo/subtract-convex.ts';
import { polygonsOf, type Areal, type BBox, type LonLat } from '../geo/types.ts';
import type { CoverageContext } from './context.ts';
import type { ReachGap, VillageOutOfReach } from './findings.ts';
import { REACH_EPSILON_M } from './options.ts';

/** Reach points whose distance to the box may be within `metres`. */
function nearBox(ctx: CoverageContext, box: BBox, metres: number): number[] {
	const { dLon, dLat } = degreesFor(metres * 1.001 + 1, Math.max(Math.abs(box[1]), Math.abs(box[3])));
	return ctx.reach.inBox(box[0] - dLon, box[1] - dLat, box[2] + dLon, box[3] + dLat);
}

/** Distance to the nearest reach point, searching ever wider boxes. */
function nearestM(ctx: CoverageContext, geometry: Polygon | MultiPolygon, box: BBox): number | null {
	if (ctx.reach.points.length === 0) return null;
	for (let r = ctx.reachRadiusM * 2; ; r *= 2) {
		let best = Infinity;
		for (const i of nearBox(ctx, box, r)) best = Math.min(best, pointToArealM(ctx.reach.points[i], geometry));
		// a point outside the widened box is farther than r from the village
		if (best <= r || r > 4e7) return Number.isFinite(best) ? best : null;
	}
}

function beyondReach(ctx: CoverageContext, p: LonLat, box: BBox, near: number[]): boolean {
	const limit = ctx.reachRadiusM + REACH_EPSILON_M;
	const inBox = p[0] >= box[0] && p[0] <= box[2] && p[1] >= box[1] && p[1] <= box[3];
	// inside the village's box, the points near the box are all that can reach it
	const candidates = inBox ? near : ctx.reach.within(p, limit);
	for (const i of candidates) if (haversineM(p, ctx.reach.points[i]) <= limit) return false;
	return true;
}

export function reach(ctx: CoverageContext, villageId: number): (VillageOutOfReach | ReachGap)[] {
	const village = ctx.villageById.get(villageId);
	const box = ctx.villageBox.get(villageId);
	if (!village || !box) return [];
	const limit = ctx.reachRadiusM + REACH_EPSILON_M;
	const near = nearBox(ctx, box, limit);
	const reaching = near.filter((i) => pointToArealM(ctx.reach.points[i], village.geometry) <= limit);

	const households = ctx.householdsOfVillage(villageId);
	const beyond = households.filter((i) => beyondReach(ctx, ctx.household(i).point, box, near));
	const hh = ctx.tally(beyond);
	const countyId = village.countyId ?? null;

	if (reaching.length === 0) {
		const d = nearestM(ctx, village.geometry, box);
		return [
			{
				kind: 'village_out_of_reach',
				id: `village_out_of_reach:${villageId}`,
				reason: 'gap.village_out_of_reach',
				villageId,
				countyId,
				distanceKm: d === null ? null : d / 1000,
				areaKm2: areaKm2(village.geometry),
				geometry: village.geometry as Geometry,
				households: hh.count,
				population: hh.residents
			}
		];
	}
	const vertices = polygonsOf(village.geometry).flatMap((p) => p[0]);
	const inOne = reaching.some((i) => {
		const ring = ctx.circle(i).coordinates[0] as LonLat[];
		return vertices.every((v) => convexContains(ring, v));
	});
	let gap: Areal | null = null;
	if (!inOne) {
		// a margin keeps the clipped buffers' new edges off the village's extreme vertices
		const m = 1e-6;
		const around: BBox = [box[0] - m, box[1] - m, box[2] + m, box[3] + m];
		const clips = reaching
			.map((i) => clipConvexToBox(ctx.circle(i).coordinates[0] as LonLat[], around))
			.filter((c) => c !== null)
			.map((c) => c.coordinates[0] as LonLat[]);
		gap = subtractConvex(village.geometry, clips);
	}
	const km2 = areaKm2(gap);
	if (km2 < ctx.options.minGapAreaM2 / 1e6 && hh.count === 0) return [];
	return [
		{
			kind: 'reach_gap',
			id: `reach_gap:${villageId}`,
			reason: 'gap.reach_partial',
			villageId,
			countyId,
			areaKm2: km2 >= ctx.options.minGapAreaM2 / 1e6 ? km2 : 0,
			geometry: km2 >= ctx.options.minGapAreaM2 / 1e6 ? (gap as Polygon | MultiPolygon) : null,
			households: hh.count,
			population: hh.residents
		}
	];
}
