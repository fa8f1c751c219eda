// The reach buffer: a regular polygon whose vertices lie at the radius on the sphere. PostGIS's
// geography buffer projects to a local plane (UTM here), which would make the two sides differ
// by ~0.1 % in area; the oracle builds this same polygon instead.
import type { Polygon } from 'geojson';
import { EARTH_RADIUS_M } from './distance.ts';
import type { LonLat } from './types.ts';

const RAD = Math.PI / 180;
/** vertices per circle: 64 keeps the polygon within 0.12 % of the circle's area */
export const CIRCLE_STEPS = 64;

/** Destination on the sphere from a point, a distance in metres and an azimuth in degrees. */
export function destination(from: LonLat, metres: number, azimuthDeg: number): LonLat {
	const d = metres / EARTH_RADIUS_M;
	const az = azimuthDeg * RAD;
	const lat1 = from[1] * RAD;
	const lon1 = from[0] * RAD;
	const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(az));
	const lon2 =
		lon1 +
		Math.atan2(Math.sin(az) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
	return [lon2 / RAD, lat2 / RAD];
}

/** Counter-clockwise ring (azimuths run clockwise, so they are walked backwards). */
export function geodesicCircle(center: LonLat, metres: number, steps = CIRCLE_STEPS): Polygon {
	const ring: LonLat[] = [];
	for (let i = 0; i < steps; i++) ring.push(destination(center, metres, (-i * 360) / steps));
	ring.push(ring[0]);
	return { type: 'Polygon', coordinates: [ring] };
}
