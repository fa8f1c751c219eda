// Coordinates typed or pasted by a person: "119.2748, 28.5923", with a Chinese comma, spaces,
// or latitude first (swapped, a common slip: detected because Zhejiang's latitude can never be
// a longitude in China). GCJ-02 (AMap, Tencent) and BD-09 (Baidu) convert to WGS84 through
// gcoord, never through hand-rolled formulas.
import gcoord from 'gcoord';
import type { LonLat } from '$lib/types/layers';

export const INPUT_CRS = ['wgs84', 'gcj02', 'bd09'] as const;
export type InputCrs = (typeof INPUT_CRS)[number];

export type CoordinateReading =
	{ ok: true; position: LonLat; swapped: boolean } | { ok: false; reason: 'format' | 'outside_china' };

const inChina = ([lon, lat]: LonLat) => lon >= 73 && lon <= 136 && lat >= 3 && lat <= 54;

export function readCoordinates(text: string, crs: InputCrs): CoordinateReading {
	const parts = text
		.trim()
		.split(/[\s,，;；]+/)
		.filter(Boolean)
		.map(Number);
	if (parts.length !== 2 || parts.some((n) => !Number.isFinite(n))) return { ok: false, reason: 'format' };
	let point: LonLat = [parts[0], parts[1]];
	let swapped = false;
	if (!inChina(point) && inChina([parts[1], parts[0]])) {
		point = [parts[1], parts[0]];
		swapped = true;
	}
	if (!inChina(point)) return { ok: false, reason: 'outside_china' };
	return { ok: true, position: toWgs84(point, crs), swapped };
}

export function toWgs84(point: LonLat, crs: InputCrs): LonLat {
	if (crs === 'wgs84') return point;
	const from = crs === 'gcj02' ? gcoord.GCJ02 : gcoord.BD09;
	const [lon, lat] = gcoord.transform(point, from, gcoord.WGS84) as LonLat;
	// a metre is about 1e-5°: six decimals keep well under it
	return [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
}
