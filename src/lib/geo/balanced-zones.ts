// A balanced re-gridding proposal: an area cut into n compact zones holding nearly equal numbers
// of points (households), in the spirit of Esri's Build Balanced Zones but deterministic and
// fast: recursive bisection. The points are split in the proportion k₁ : k₂ (k₁ = ⌊k/2⌋) across
// the longer side of their box (measured in metres), at the midpoint between the two points on
// either side of the cut; each side is split again until it is one zone. Each zone is the area
// cut by its box, so zones share edges exactly and cover the area with no gap or overlap.
// Counts differ by at most one household per cut level (ties on a coordinate aside). A zone is
// a MultiPolygon when a concave area leaves its box in two pieces.
import { bboxOf } from './bbox.ts';
import { intersection } from './overlay.ts';
import type { Areal, BBox, LonLat } from './types.ts';

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

/** The boxes and point counts of the bisection, before cutting the area. */
export function bisect(points: readonly LonLat[], n: number, bounds: BBox): { box: BBox; count: number }[] {
	if (n <= 1) return [{ box: bounds, count: points.length }];
	// with fewer points than zones left, boxes are cut in proportion, so each zone gets an area
	const k1 = Math.floor(n / 2);
	const midLat = ((bounds[1] + bounds[3]) / 2) * (Math.PI / 180);
	const wide = (bounds[2] - bounds[0]) * Math.cos(midLat) >= bounds[3] - bounds[1];
	const axis = wide ? 0 : 1;
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
	if (!(cut > lo && cut < hi)) cut = lo + ((hi - lo) * k1) / n;
	const first: BBox = wide ? [bounds[0], bounds[1], cut, bounds[3]] : [bounds[0], bounds[1], bounds[2], cut];
	const second: BBox = wide ? [cut, bounds[1], bounds[2], bounds[3]] : [bounds[0], cut, bounds[2], bounds[3]];
	const inFirst = (p: LonLat) => p[axis] < cut;
	return [
		...bisect(
			points.filter((p) => inFirst(p)),
			k1,
			first
		),
		...bisect(
			points.filter((p) => !inFirst(p)),
			n - k1,
			second
		)
	];
}

/** `area` cut into n zones of nearly equal point counts (points outside the area are ignored by the caller). */
export function balancedZones(area: Areal, points: readonly LonLat[], n: number): BalancedZones {
	if (!Number.isInteger(n) || n < 1) throw new RangeError('n must be a positive integer');
	const bounds = bboxOf(area);
	// a margin so that no edge of the area lies on a box's edge
	const pad = Math.max(bounds[2] - bounds[0], bounds[3] - bounds[1]) * 0.01;
	const outer: BBox = [bounds[0] - pad, bounds[1] - pad, bounds[2] + pad, bounds[3] + pad];
	const cells = bisect(points, n, outer);
	const zones: Areal[] = [];
	const counts: number[] = [];
	for (const c of cells) {
		const zone = intersection(area, box(c.box));
		// a box that misses a concave area: its points (none, as they lie in the area) go nowhere
		if (zone) {
			zones.push(zone);
			counts.push(c.count);
		}
	}
	return { zones, counts };
}
