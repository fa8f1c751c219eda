// The box an import file's reference must cover: the file's coordinates as read (swapped if the
// admin chose so), those in China only (one stray 0,0 row must not ask for the whole province),
// padded beyond the largest shift between the systems the preview may convert from (BD-09 to
// WGS84 is about 1 km). The preview then reads only the outlines its file can touch.
import type { RawFeature } from '../formats/parsed.ts';
import { eachPosition } from '../geo/each-position.ts';
import { inChinaLonLat } from './detect.ts';

export type Box = [number, number, number, number];

/** ~2 km, twice the BD-09 shift */
export const REFERENCE_PAD_DEG = 0.02;

/** The padded box of the file's points in China, or null when none is. */
export function referenceBox(raw: RawFeature[], swap: boolean): Box | null {
	const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
	for (const f of raw) {
		if (!f.geometry || !('coordinates' in f.geometry)) continue;
		eachPosition(f.geometry.coordinates, (q) => {
			const p = swap ? [q[1], q[0]] : q;
			if (!inChinaLonLat(p)) return;
			if (p[0] < b[0]) b[0] = p[0];
			if (p[1] < b[1]) b[1] = p[1];
			if (p[0] > b[2]) b[2] = p[0];
			if (p[1] > b[3]) b[3] = p[1];
		});
	}
	if (!Number.isFinite(b[0])) return null;
	const pad = REFERENCE_PAD_DEG;
	return [b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad];
}

/** Whether the outer box holds the inner one whole. */
export const boxHolds = (outer: Box, inner: Box): boolean =>
	outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];
