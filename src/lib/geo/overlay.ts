// Polygon overlay (Turf 7 / polyclip-ts), always on a handful of shapes at a time: the callers
// work per village, because a city-wide union is what makes Turf slow (seconds for 3,500 grids).
// Results are null when empty, never an empty geometry.
import { difference as turfDifference, featureCollection, intersect as turfIntersect } from '@turf/turf';
import { union as turfUnion } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Areal } from './types.ts';

const features = (shapes: Areal[]): Feature<Polygon | MultiPolygon>[] =>
	shapes.map((geometry) => ({ type: 'Feature', properties: {}, geometry }));

/** subject minus every clip */
export function difference(subject: Areal, clips: Areal[]): Areal | null {
	if (clips.length === 0) return subject;
	const out = turfDifference(featureCollection(features([subject, ...clips])));
	return out ? out.geometry : null;
}

export function intersection(a: Areal, b: Areal): Areal | null {
	const out = turfIntersect(featureCollection(features([a, b])));
	return out ? out.geometry : null;
}

export function union(shapes: Areal[]): Areal | null {
	if (shapes.length === 0) return null;
	if (shapes.length === 1) return shapes[0];
	const out = turfUnion(featureCollection(features(shapes)));
	return out ? out.geometry : null;
}
