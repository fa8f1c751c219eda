// Cuts any polygon to a convex window (Sutherland–Hodgman, one pass per window edge). Exact in
// area; where the polygon leaves and re-enters the window the result may keep a zero-width
// bridge along the window's edge, which fills nothing. polyclip-ts does the same cut robustly but
// about a hundred times slower, and a map redraw cuts hundreds of hexbin cells.
import type { Areal, LonLat, Ring } from './types.ts';
import { polygonsOf } from './types.ts';

/** window: closed, convex, counter-clockwise (interior on the left of each edge) */
function clipRing(ring: Ring, window: Ring): Ring | null {
	let pts: LonLat[] = ring.slice(0, -1);
	for (let w = 0; w < window.length - 1 && pts.length > 0; w++) {
		const [ax, ay] = window[w];
		const [bx, by] = window[w + 1];
		const side = (p: LonLat) => (bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax);
		const out: LonLat[] = [];
		for (let i = 0; i < pts.length; i++) {
			const p = pts[i];
			const q = pts[(i + 1) % pts.length];
			const sp = side(p);
			const sq = side(q);
			if (sp >= 0) out.push(p);
			if (sp >= 0 !== sq >= 0) {
				const t = sp / (sp - sq);
				out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
			}
		}
		pts = out;
	}
	return pts.length >= 3 ? [...pts, pts[0]] : null;
}

/** the part of the shape inside the window; null when none */
export function clipToConvex(shape: Areal, window: Ring): Areal | null {
	const polygons: Ring[][] = [];
	for (const poly of polygonsOf(shape)) {
		const shell = clipRing(poly[0], window);
		if (!shell) continue;
		const holes = poly
			.slice(1)
			.map((h) => clipRing(h, window))
			.filter((h): h is Ring => h !== null);
		polygons.push([shell, ...holes]);
	}
	if (polygons.length === 0) return null;
	return polygons.length === 1
		? { type: 'Polygon', coordinates: polygons[0] }
		: { type: 'MultiPolygon', coordinates: polygons };
}
