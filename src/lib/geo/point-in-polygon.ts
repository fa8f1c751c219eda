// Point in polygon by crossing number over every ring (holes subtract). Points exactly on an
// edge may fall either way; households and posts are never placed on boundaries on purpose.
import { polygonsOf, type Areal, type LonLat, type Ring } from './types.ts';

function inRing(p: LonLat, ring: Ring): boolean {
	let inside = false;
	const [x, y] = p;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const [xi, yi] = ring[i];
		const [xj, yj] = ring[j];
		if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}

export function pointInAreal(p: LonLat, g: Areal): boolean {
	for (const poly of polygonsOf(g)) {
		if (!inRing(p, poly[0])) continue;
		let inHole = false;
		for (let h = 1; h < poly.length && !inHole; h++) inHole = inRing(p, poly[h]);
		if (!inHole) return true;
	}
	return false;
}
