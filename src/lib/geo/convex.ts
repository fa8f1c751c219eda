// Containment in a convex polygon, the cheap test that spares an overlay when a whole village
// lies inside one reach buffer (the buffer is convex, so holding every vertex is enough).
import type { LonLat, Ring } from './types.ts';

/** ring: counter-clockwise and closed */
export function convexContains(ring: Ring, p: LonLat): boolean {
	for (let i = 0; i + 1 < ring.length; i++) {
		const [ax, ay] = ring[i];
		const [bx, by] = ring[i + 1];
		if ((bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax) < 0) return false;
	}
	return true;
}
