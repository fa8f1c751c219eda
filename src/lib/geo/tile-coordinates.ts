// Web Mercator tile coordinates (the XYZ scheme MapLibre, ST_TileEnvelope and vector tiles use):
// a place as a fraction of the world, which tile holds it at a zoom, and which tiles cover a box.

const MAX_LAT = 85.0511287798066;

/** West edge 0, east edge 1. */
export function mercatorX(lon: number): number {
	return (lon + 180) / 360;
}

/** North edge 0, south edge 1 (latitudes beyond Web Mercator's are held at its edge). */
export function mercatorY(lat: number): number {
	const phi = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180;
	return (1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2;
}

/** The longitude at a fraction of the world's width. */
export function lonAt(x: number): number {
	return x * 360 - 180;
}

/** The latitude at a fraction of the world's height, from the north. */
export function latAt(y: number): number {
	return (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;
}

/** The tile at zoom z that holds the point [lon, lat]. */
export function tileAt(lon: number, lat: number, z: number): { x: number; y: number } {
	const side = 2 ** z;
	const clamp = (n: number) => Math.max(0, Math.min(side - 1, n));
	return { x: clamp(Math.floor(mercatorX(lon) * side)), y: clamp(Math.floor(mercatorY(lat) * side)) };
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
	return [
		[lonAt(x / side), latAt((y + 1) / side)],
		[lonAt((x + 1) / side), latAt(y / side)]
	];
}

/** [west, south, east, north] in degrees. */
export type LonLatBox = [number, number, number, number];

/**
 * What a map of `width`×`height` CSS pixels centred on `center` shows at `zoom`: MapLibre's
 * world is 512 pixels wide at zoom 0. The box of an unrotated, untilted view.
 */
export function viewBox(center: [number, number], zoom: number, width: number, height: number): LonLatBox {
	const world = 512 * 2 ** zoom;
	const x = mercatorX(center[0]);
	const y = mercatorY(center[1]);
	const dx = width / 2 / world;
	const dy = height / 2 / world;
	return [
		lonAt(Math.max(0, x - dx)),
		latAt(Math.min(1, y + dy)),
		lonAt(Math.min(1, x + dx)),
		latAt(Math.max(0, y - dy))
	];
}

/** `outer` holds all of `inner`. */
export function boxHolds(outer: LonLatBox, inner: LonLatBox): boolean {
	return outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];
}
