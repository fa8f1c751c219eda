// Plain coordinate types shared by the geo operations: lon-lat degrees (WGS84/CGCS2000).
import type { MultiPolygon, Polygon, Position } from 'geojson';

export type LonLat = [number, number];
export type Ring = LonLat[];
/** a polygon as rings: the shell first, then holes */
export type Rings = Ring[];
export type Areal = Polygon | MultiPolygon;
export type BBox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

/** A position whose longitude and latitude are finite numbers (a Z after them is allowed). */
export function isFinitePosition(p: unknown): p is Position {
	return Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1]);
}

/** The polygons of a Polygon or MultiPolygon, each as rings. */
export function polygonsOf(g: Areal): Rings[] {
	return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Rings[];
}

/** One MultiPolygon from several areal pieces, without dissolving shared edges. */
export function multiPolygonOf(pieces: Areal[]): MultiPolygon {
	return { type: 'MultiPolygon', coordinates: pieces.flatMap((p) => polygonsOf(p)) };
}
