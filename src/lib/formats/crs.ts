// Coordinate systems met in Chinese station data: WGS84/CGCS2000 (the same to within
// centimetres at map scale), GCJ-02 (the state-mandated offset of AMap/Tencent maps) and BD-09
// (Baidu). gcoord does the conversions; this file only maps names and walks geometries.
import gcoord from 'gcoord';
import type { Geometry, Position } from 'geojson';

export const SOURCE_CRS = ['wgs84', 'gcj02', 'bd09'] as const;
export type SourceCrs = (typeof SOURCE_CRS)[number];

const GCOORD = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

/**
 * One lon-lat position from `crs` to WGS84 (2D: a Z value is dropped). gcoord's inverse is an
 * approximation good to about a metre; refined by a few fixed-point steps against gcoord's
 * forward transform it recovers the WGS84 point to well under a millimetre. That matters:
 * a grid edge on its village's boundary moved by a metre leaves the village by hundreds of m².
 */
export function toWgs84(p: Position, crs: SourceCrs): [number, number] {
	if (crs === 'wgs84') return [p[0], p[1]];
	let [x, y] = gcoord.transform([p[0], p[1]], GCOORD[crs], gcoord.WGS84) as [number, number];
	for (let i = 0; i < 4; i++) {
		const [fx, fy] = gcoord.transform([x, y], gcoord.WGS84, GCOORD[crs]) as [number, number];
		const dx = p[0] - fx;
		const dy = p[1] - fy;
		x += dx;
		y += dy;
		if (Math.abs(dx) < 1e-12 && Math.abs(dy) < 1e-12) break;
	}
	return [x, y];
}

/** WGS84 to `crs` (for tests and for explaining an offset). */
export function fromWgs84(p: Position, crs: SourceCrs): [number, number] {
	if (crs === 'wgs84') return [p[0], p[1]];
	const [x, y] = gcoord.transform([p[0], p[1]], gcoord.WGS84, GCOORD[crs]) as [number, number];
	return [x, y];
}

/** Maps every position of a geometry (any type) through `f`. */
export function mapPositions(g: Geometry, f: (p: Position) => Position): Geometry {
	switch (g.type) {
		case 'Point':
			return { type: 'Point', coordinates: f(g.coordinates) };
		case 'MultiPoint':
		case 'LineString':
			return { type: g.type, coordinates: g.coordinates.map(f) } as Geometry;
		case 'Polygon':
		case 'MultiLineString':
			return { type: g.type, coordinates: g.coordinates.map((r) => r.map(f)) } as Geometry;
		case 'MultiPolygon':
			return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(f))) };
		case 'GeometryCollection':
			return { type: 'GeometryCollection', geometries: g.geometries.map((c) => mapPositions(c, f)) };
	}
}

export function geometryToWgs84(g: Geometry, crs: SourceCrs): Geometry {
	return mapPositions(g, (p) => toWgs84(p, crs));
}

export type PrjMeaning = SourceCrs | 'projected' | 'unknown';

/**
 * What a shapefile's .prj (WKT) says: geographic WGS84/CGCS2000 is taken as is; a projected
 * system (Gauss-Krüger, Web Mercator) cannot be imported without reprojection and is refused.
 */
export function crsOfPrj(wkt: string): PrjMeaning {
	const text = wkt.toUpperCase();
	if (/^\s*PROJCS|PROJCRS/.test(text)) return 'projected';
	if (/GCJ|MARS/.test(text)) return 'gcj02';
	if (/BD.?09|BAIDU/.test(text)) return 'bd09';
	if (/GEOGCS|GEOGCRS/.test(text) && /WGS.?(19)?84|CGCS.?2000|CHINA.?2000|4326|4490/.test(text))
		return 'wgs84';
	return 'unknown';
}

/** A GeoJSON `crs` member (2008 spec) by name: CRS84/EPSG:4326/EPSG:4490 are lon-lat WGS84. */
export function crsOfGeoJsonMember(crs: unknown): PrjMeaning {
	const name = String((crs as { properties?: { name?: unknown } })?.properties?.name ?? '');
	if (/CRS84|EPSG:?:?4326|EPSG:?:?4490/i.test(name)) return 'wgs84';
	if (/EPSG:?:?(3857|900913|45\d\d)/i.test(name)) return 'projected';
	return 'unknown';
}
