// Distances on the sphere (Turf's mean Earth radius, which PostGIS's sphere matches to 1e-8),
// so that "within R km" means the same here and in `ST_DWithin(geography, …, false)`.
import { polygonsOf, type Areal, type LonLat } from './types.ts';
import { pointInAreal } from './point-in-polygon.ts';

export const EARTH_RADIUS_M = 6371008.8;
const RAD = Math.PI / 180;

/** Great-circle distance in metres. */
export function haversineM(a: LonLat, b: LonLat): number {
	const dLat = (b[1] - a[1]) * RAD;
	const dLon = (b[0] - a[0]) * RAD;
	const s = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
	return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

/**
 * Distance in metres from a point to a segment: the nearest point is found in a local
 * equirectangular plane (exact enough for the few kilometres the reach analysis asks about), the
 * distance to it is then measured on the sphere.
 */
export function pointToSegmentM(p: LonLat, a: LonLat, b: LonLat): number {
	const kx = Math.cos(p[1] * RAD);
	const ax = (a[0] - p[0]) * kx;
	const ay = a[1] - p[1];
	const bx = (b[0] - p[0]) * kx;
	const by = b[1] - p[1];
	const dx = bx - ax;
	const dy = by - ay;
	const len2 = dx * dx + dy * dy;
	const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
	if (t === 0) return haversineM(p, a);
	if (t === 1) return haversineM(p, b);
	return haversineM(p, [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]);
}

/** Distance in metres from a point to a polygon's area: 0 inside, else to the nearest edge. */
export function pointToArealM(p: LonLat, g: Areal): number {
	if (pointInAreal(p, g)) return 0;
	let best = Infinity;
	for (const poly of polygonsOf(g))
		for (const ring of poly)
			for (let i = 0; i + 1 < ring.length; i++) {
				const d = pointToSegmentM(p, ring[i], ring[i + 1]);
				if (d < best) best = d;
			}
	return best;
}

/** Degrees of latitude and longitude that a distance spans at a latitude (search boxes). */
export function degreesFor(metres: number, lat: number): { dLon: number; dLat: number } {
	const dLat = metres / EARTH_RADIUS_M / RAD;
	const cos = Math.max(0.01, Math.cos((Math.abs(lat) + dLat) * RAD));
	return { dLon: dLat / cos, dLat };
}
