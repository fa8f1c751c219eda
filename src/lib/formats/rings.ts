// Ring orientation: RFC 7946 GeoJSON winds shells counter-clockwise and holes clockwise; the
// Shapefile format the other way round. Readers and writers rewind so the two agree.
import type { Position } from 'geojson';

export function signedArea(ring: Position[]): number {
	let s = 0;
	for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
	return s / 2;
}

/** The ring wound as asked (a copy when it must turn). */
export function wound(ring: Position[], counterClockwise: boolean): Position[] {
	return signedArea(ring) > 0 === counterClockwise ? ring : [...ring].reverse();
}

/** Polygon rings in RFC 7946 order: shell counter-clockwise, holes clockwise. */
export function rfc7946Rings(rings: Position[][]): Position[][] {
	return rings.map((r, i) => wound(r, i === 0));
}
