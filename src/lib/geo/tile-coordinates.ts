// Web Mercator tile coordinates (the XYZ scheme MapLibre, ST_TileEnvelope and vector tiles use):
// which tile holds a place at a zoom, and which tiles cover a box.

const MAX_LAT = 85.0511287798066;

/** The tile at zoom z that holds the point [lon, lat]. */
export function tileAt(lon: number, lat: number, z: number): { x: number; y: number } {
	const side = 2 ** z;
	const phi = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180;
	const x = Math.floor(((lon + 180) / 360) * side);
	const y = Math.floor(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * side);
	const clamp = (n: number) => Math.max(0, Math.min(side - 1, n));
	return { x: clamp(x), y: clamp(y) };
}

/** The tiles at zoom z that cover [west, south, east, north], row by row from the north-west. */
export function tilesCovering(
	[west, south, east, north]: readonly [number, number, number, number],
	z: number
): { z: number; x: number; y: number }[] {
	const nw = tileAt(west, north, z);
	const se = tileAt(east, south, z);
	const out: { z: number; x: number; y: number }[] = [];
	for (let y = nw.y; y <= se.y; y++) for (let x = nw.x; x <= se.x; x++) out.push({ z, x, y });
	return out;
}

/** A tile's [[west, south], [east, north]], as deck.gl's tiles give their bounding box. */
export function tileBounds(z: number, x: number, y: number): [[number, number], [number, number]] {
	const side = 2 ** z;
	const lon = (tx: number) => (tx / side) * 360 - 180;
	const lat = (ty: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * ty) / side))) * 180) / Math.PI;
	return [
		[lon(x), lat(y + 1)],
		[lon(x + 1), lat(y)]
	];
}
