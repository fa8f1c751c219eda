// What makes a polygon unusable for overlay, as message keys: the engine reports these as
// findings instead of feeding them to Turf (which may throw) or dropping them. Mirrors what
// PostGIS's ST_IsValid rejects for the shapes that occur in practice.
import { isFinitePosition, polygonsOf, type Areal, type LonLat, type Ring } from './types.ts';

export type GeometryProblem =
	| 'input.not_polygon'
	| 'input.empty'
	| 'input.non_finite'
	| 'input.out_of_range'
	| 'input.ring_too_short'
	| 'input.ring_not_closed'
	| 'input.zero_area'
	| 'input.self_intersection';

/** Twice the planar signed area of a ring in degrees² (positive = counter-clockwise). */
export function ringSignedArea2(ring: Ring): number {
	let s = 0;
	for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
	return s;
}

const orient = (a: LonLat, b: LonLat, c: LonLat) =>
	(b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);

const onSegment = (a: LonLat, b: LonLat, p: LonLat) =>
	Math.min(a[0], b[0]) <= p[0] &&
	p[0] <= Math.max(a[0], b[0]) &&
	Math.min(a[1], b[1]) <= p[1] &&
	p[1] <= Math.max(a[1], b[1]);

type Contact = 'none' | 'touch' | 'cross' | 'overlap';

/** How two segments meet: a proper crossing, a collinear overlap, a touch at a point, or not. */
function contact(a: LonLat, b: LonLat, c: LonLat, d: LonLat): Contact {
	const o1 = orient(a, b, c);
	const o2 = orient(a, b, d);
	const o3 = orient(c, d, a);
	const o4 = orient(c, d, b);
	if (o1 === 0 && o2 === 0) {
		// collinear: overlapping when they share more than a point
		const lo = Math.max(Math.min(a[0], b[0]), Math.min(c[0], d[0]));
		const hi = Math.min(Math.max(a[0], b[0]), Math.max(c[0], d[0]));
		const loY = Math.max(Math.min(a[1], b[1]), Math.min(c[1], d[1]));
		const hiY = Math.min(Math.max(a[1], b[1]), Math.max(c[1], d[1]));
		if (lo > hi || loY > hiY) return 'none';
		return lo < hi || loY < hiY ? 'overlap' : 'touch';
	}
	if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0)))
		return 'cross';
	if (
		(o1 === 0 && onSegment(a, b, c)) ||
		(o2 === 0 && onSegment(a, b, d)) ||
		(o3 === 0 && onSegment(c, d, a)) ||
		(o4 === 0 && onSegment(c, d, b))
	)
		return 'touch';
	return 'none';
}

interface Segment {
	a: LonLat;
	b: LonLat;
	ring: number;
	index: number;
	ringLength: number;
	minX: number;
	maxX: number;
}

/** Sweep over segments sorted by x: rings that cross themselves or each other. */
function selfIntersects(rings: Ring[]): boolean {
	const segs: Segment[] = [];
	rings.forEach((ring, r) => {
		const n = ring.length - 1;
		for (let i = 0; i < n; i++) {
			const a = ring[i];
			const b = ring[i + 1];
			if (a[0] === b[0] && a[1] === b[1]) continue; // repeated point: harmless
			segs.push({
				a,
				b,
				ring: r,
				index: i,
				ringLength: n,
				minX: Math.min(a[0], b[0]),
				maxX: Math.max(a[0], b[0])
			});
		}
	});
	segs.sort((s, t) => s.minX - t.minX);
	for (let i = 0; i < segs.length; i++) {
		const s = segs[i];
		for (let j = i + 1; j < segs.length && segs[j].minX <= s.maxX; j++) {
			const t = segs[j];
			const c = contact(s.a, s.b, t.a, t.b);
			if (c === 'none') continue;
			if (c === 'cross' || c === 'overlap') return true;
			if (s.ring !== t.ring) continue; // rings may touch at a point
			const gap = Math.abs(s.index - t.index);
			const adjacent = gap === 1 || gap === s.ringLength - 1;
			if (!adjacent) return true;
		}
	}
	return false;
}

/** Every vertex on one line: a ring without area, whatever its orientation test says. */
function collinear(ring: Ring): boolean {
	const a = ring[0];
	const b = ring.find((p) => p[0] !== a[0] || p[1] !== a[1]);
	return !b || ring.every((p) => orient(a, b, p) === 0);
}

/** The first problem of an areal geometry, or null when it is fit for overlay. */
export function geometryProblem(
	g: { type: string; coordinates?: unknown } | null | undefined
): GeometryProblem | null {
	if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon') || !Array.isArray(g.coordinates))
		return 'input.not_polygon';
	const polys = polygonsOf(g as Areal);
	if (polys.length === 0 || polys.some((p) => p.length === 0)) return 'input.empty';
	for (const poly of polys)
		for (const ring of poly) {
			for (const p of ring) {
				if (!isFinitePosition(p)) return 'input.non_finite';
				if (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) return 'input.out_of_range';
			}
			if (ring.length < 4) return 'input.ring_too_short';
			const [f, l] = [ring[0], ring[ring.length - 1]];
			if (f[0] !== l[0] || f[1] !== l[1]) return 'input.ring_not_closed';
			if (collinear(ring)) return 'input.zero_area';
		}
	// components of a multipolygon must not cross either, so all rings go into one sweep
	if (selfIntersects(polys.flat())) return 'input.self_intersection';
	return null;
}
