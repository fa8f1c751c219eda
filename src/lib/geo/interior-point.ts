// A point inside a polygon, found the way GEOS (so PostGIS ST_PointOnSurface) finds it: a
// horizontal scan line halfway between the two vertex heights nearest the middle of the
// envelope, and the midpoint of the widest stretch of that line inside the shape. Matching the
// database matters where a drawn line cuts a grid: both sides must put it on the same side.
import { polygonsOf, type Areal, type LonLat, type Ring } from './types.ts';

function scanY(rings: Ring[]): number {
	let lo = Infinity;
	let hi = -Infinity;
	for (const r of rings)
		for (const p of r) {
			lo = Math.min(lo, p[1]);
			hi = Math.max(hi, p[1]);
		}
	const centre = (lo + hi) / 2;
	let below = lo;
	let above = hi;
	for (const r of rings)
		for (const [, y] of r) {
			if (y <= centre) {
				if (y > below) below = y;
			} else if (y < above) above = y;
		}
	return (below + above) / 2;
}

/** x where the edges of the rings cross the line y; a vertex on the line counts once */
function crossings(rings: Ring[], y: number): number[] {
	const xs: number[] = [];
	for (const r of rings)
		for (let i = 1; i < r.length; i++) {
			const [x0, y0] = r[i - 1];
			const [x1, y1] = r[i];
			if (y < Math.min(y0, y1) || y > Math.max(y0, y1) || y0 === y1) continue;
			// a downward edge leaves out its start, an upward edge its end
			if ((y0 === y && y1 < y) || (y1 === y && y0 < y)) continue;
			xs.push(x0 === x1 ? x0 : x0 + (y - y0) / ((y1 - y0) / (x1 - x0)));
		}
	return xs.sort((a, b) => a - b);
}

export function interiorPoint(g: Areal): LonLat | null {
	let best: LonLat | null = null;
	let widest = -1;
	for (const poly of polygonsOf(g)) {
		const y = scanY(poly);
		const xs = crossings(poly, y);
		for (let i = 0; i + 1 < xs.length; i += 2) {
			const width = xs[i + 1] - xs[i];
			if (width > widest) {
				widest = width;
				best = [(xs[i] + xs[i + 1]) / 2, y];
			}
		}
	}
	return best;
}
