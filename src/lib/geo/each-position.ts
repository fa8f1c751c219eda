// Every position of a GeoJSON coordinates array, however deeply nested (a point to a multipolygon),
// without building a flat copy: files of a million features are walked this way.
import type { Position } from 'geojson';

export function eachPosition(coordinates: unknown, f: (p: Position) => void): void {
	if (!Array.isArray(coordinates)) return;
	if (typeof coordinates[0] === 'number') f(coordinates as Position);
	else for (const c of coordinates) eachPosition(c, f);
}
