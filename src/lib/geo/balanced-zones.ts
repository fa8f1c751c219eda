// A balanced re-gridding proposal: an area cut into n compact zones holding nearly equal numbers
// of points (households), in the spirit of Esri's Build Balanced Zones but deterministic and
// fast: recursive bisection. The points are split in the proportion k₁ : k₂ (k₁ = ⌊k/2⌋) across
// the longer side of their part of the area (measured in metres), at the midpoint between the
// two points on either side of the cut; each side is split again until it is one zone. Both
// sides are the area cut by a box, so zones share edges exactly and cover the area with no gap
// or overlap. Counts differ by at most one household per cut level (ties on a coordinate
// aside). Zones stay contiguous where the cut allows: when the cut across the longer side
// leaves a side of a concave area in pieces, the cut across the other side is taken if it does
// not (a grid in two pieces is no grid an officer can walk).
import { bboxOf } from './bbox.ts';
import { intersection } from './overlay.ts';
import { polygonsOf, type Areal, type BBox, type LonLat } from './types.ts';

export interface BalancedZones {
	zones: Areal[];
	/** points in each zone, in zone order */
	counts: number[];
}

const box = (b: BBox): Areal => ({
	type: 'Polygon',
	coordinates: [
		[
			[b[0], b[1]],
			[b[2], b[1]],
			[b[2], b[3]],
			[b[0], b[3]],
			[b[0], b[1]]
		]
	]
});

interface Cut {
	sides: [Areal | null, Areal | null];
	points: [LonLat[], LonLat[]];
	/** pieces the two sides are in, together */
	pieces: number;
}

/** The area and its points cut across `axis` in the proportion k1 : n − k1. */
function cutAcross(
	area: Areal,
	points: readonly LonLat[],
	n: number,
	k1: number,
	axis: 0 | 1,
	bounds: BBox
): Cut {
	const sorted = [...points].sort((a, b) => a[axis] - b[axis]);
	const m = Math.round((sorted.length * k1) / n);
	const lo = bounds[axis];
	const hi = bounds[axis + 2];
	let cut =
		sorted.length === 0
			? lo + ((hi - lo) * k1) / n
			: m <= 0
				? (lo + sorted[0][axis]) / 2
				: m >= sorted.length
					? (sorted[sorted.length - 1][axis] + hi) / 2
					: (sorted[m - 1][axis] + sorted[m][axis]) / 2;
	// with fewer points than zones left, the area is cut in proportion, so each zone gets some
	if (!(cut > lo && cut < hi)) cut = lo + ((hi - lo) * k1) / n;
	const first: BBox =
		axis === 0 ? [bounds[0], bounds[1], cut, bounds[3]] : [bounds[0], bounds[1], bounds[2], cut];
	const second: BBox =
		axis === 0 ? [cut, bounds[1], bounds[2], bounds[3]] : [bounds[0], cut, bounds[2], bounds[3]];
	const sides: [Areal | null, Areal | null] = [
		intersection(area, box(first)),
		intersection(area, box(second))
	];
	return {
		sides,
		points: [points.filter((p) => p[axis] < cut), points.filter((p) => !(p[axis] < cut))],
		pieces: sides.reduce((a, g) => a + (g ? polygonsOf(g).length : 0), 0)
	};
}

function split(area: Areal, points: readonly LonLat[], n: number, out: BalancedZones): void {
	if (n <= 1) {
		out.zones.push(area);
		out.counts.push(points.length);
		return;
	}
	const k1 = Math.floor(n / 2);
	const b = bboxOf(area);
	// a margin so that no edge of the area lies on a box's edge
	const pad = Math.max(b[2] - b[0], b[3] - b[1]) * 0.01;
	const bounds: BBox = [b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad];
	const midLat = ((b[1] + b[3]) / 2) * (Math.PI / 180);
	const longer: 0 | 1 = (b[2] - b[0]) * Math.cos(midLat) >= b[3] - b[1] ? 0 : 1;
	let best = cutAcross(area, points, n, k1, longer, bounds);
	// one piece more than the area has is a clean cut; otherwise try the other way across
	const clean = polygonsOf(area).length + 1;
	if (best.pieces > clean) {
		const other = cutAcross(area, points, n, k1, longer === 0 ? 1 : 0, bounds);
		if (other.pieces < best.pieces) best = other;
	}
	// a side that misses a concave area holds no points (they lie in the area): its zones go
	for (const [i, k] of [
		[0, k1],
		[1, n - k1]
	] as const) {
		const side = best.sides[i];
		if (side) split(side, best.points[i], k, out);
	}
}

/** `area` cut into n zones of nearly equal point counts (points outside the area are ignored by the caller). */
export function balancedZones(area: Areal, points: readonly LonLat[], n: number): BalancedZones {
	if (!Number.isInteger(n) || n < 1) throw new RangeError('n must be a positive integer');
	const out: BalancedZones = { zones: [], counts: [] };
	split(area, points, n, out);
	return out;
}
