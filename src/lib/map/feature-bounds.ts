// The [west, south, east, north] box of polygon rings, for fitting the view to a feature.
import type { Feature, MultiPolygon, Polygon } from 'geojson';

export type Bounds = [number, number, number, number];

export function ringBounds(
	ring: number[][],
	into: Bounds = [Infinity, Infinity, -Infinity, -Infinity]
): Bounds {
	for (const [x, y] of ring) {
		if (x < into[0]) into[0] = x;
		if (y < into[1]) into[1] = y;
		if (x > into[2]) into[2] = x;
		if (y > into[3]) into[3] = y;
	}
	return into;
}

export function geometryBounds(geometry: Polygon | MultiPolygon): Bounds {
	const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
	const box: Bounds = [Infinity, Infinity, -Infinity, -Infinity];
	for (const polygon of polygons) ringBounds(polygon[0], box);
	return box;
}

/** The box of every feature's outer rings; null for none (nothing to fit to). */
export function featuresBounds(features: readonly Feature<Polygon | MultiPolygon>[]): Bounds | null {
	if (features.length === 0) return null;
	const box: Bounds = [Infinity, Infinity, -Infinity, -Infinity];
	for (const f of features) {
		const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
		for (const polygon of polygons) ringBounds(polygon[0], box);
	}
	return box;
}
