// Clips a convex ring to a box (Sutherland–Hodgman). A village minus a reach buffer equals the
// village minus the buffer's part in a box around the village, and that part has far fewer
// vertices: what an overlay costs in Turf grows with the vertices it is given.
import type { Polygon } from 'geojson';
import type { BBox, LonLat, Ring } from './types.ts';

type Inside = (p: LonLat) => boolean;
type Cut = (a: LonLat, b: LonLat) => LonLat;

function clipEdge(points: LonLat[], inside: Inside, cut: Cut): LonLat[] {
	const out: LonLat[] = [];
	for (let i = 0; i < points.length; i++) {
		const a = points[i];
		const b = points[(i + 1) % points.length];
		const ia = inside(a);
		const ib = inside(b);
		if (ia) out.push(a);
		if (ia !== ib) out.push(cut(a, b));
	}
	return out;
}

const atX =
	(x: number): Cut =>
	(a, b) => [x, a[1] + ((b[1] - a[1]) * (x - a[0])) / (b[0] - a[0])];
const atY =
	(y: number): Cut =>
	(a, b) => [a[0] + ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]), y];

/** ring: closed and convex; null when nothing of it lies in the box */
export function clipConvexToBox(ring: Ring, box: BBox): Polygon | null {
	let pts: LonLat[] = ring.slice(0, -1);
	const [minX, minY, maxX, maxY] = box;
	pts = clipEdge(pts, (p) => p[0] >= minX, atX(minX));
	pts = clipEdge(pts, (p) => p[0] <= maxX, atX(maxX));
	pts = clipEdge(pts, (p) => p[1] >= minY, atY(minY));
	pts = clipEdge(pts, (p) => p[1] <= maxY, atY(maxY));
	if (pts.length < 3) return null;
	return { type: 'Polygon', coordinates: [[...pts, pts[0]]] };
}
