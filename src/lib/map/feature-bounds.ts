// The [west, south, east, north] box of polygon rings, for fitting the view to a feature.
import type { MultiPolygon, Polygon } from 'geojson';

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
