// Guesses about the coordinates, pointed out to the admin (never applied silently): lon and lat
// swapped, or a vendor offset (GCJ-02, BD-09) revealed by how well the features land inside
// what is already on the map once converted.
import type { Geometry, Position } from 'geojson';
import { toWgs84, type SourceCrs } from '../formats/crs.ts';
import type { RawFeature } from '../formats/parsed.ts';
import { BoxIndex } from '../geo/box-index.ts';
import { bboxOf } from '../geo/bbox.ts';
import { pointInAreal } from '../geo/point-in-polygon.ts';
import type { Areal, LonLat } from '../geo/types.ts';

const SAMPLE = 300;

/** A point of the feature away from its edges: the point, or the mean of a shell's vertices. */
function representative(g: Geometry | null): Position | null {
	let c: unknown = g && 'coordinates' in g ? g.coordinates : null;
	while (Array.isArray(c) && Array.isArray(c[0]) && Array.isArray(c[0][0])) c = c[0];
	if (Array.isArray(c) && Array.isArray(c[0])) {
		const ring = (c as Position[]).slice(0, -1);
		if (ring.length === 0) return null;
		c = [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
	}
	return Array.isArray(c) && Number.isFinite(c[0]) && Number.isFinite(c[1]) ? (c as Position) : null;
}

/** Evenly spread sample positions, one per feature. */
function sample(features: RawFeature[]): Position[] {
	const step = Math.max(1, Math.floor(features.length / SAMPLE));
	const out: Position[] = [];
	for (let i = 0; i < features.length; i += step) {
		const p = representative(features[i].geometry);
		if (p) out.push(p);
	}
	return out;
}

const inChinaLonLat = (p: Position) => p[0] >= 73 && p[0] <= 136 && p[1] >= 3 && p[1] <= 54;

/** Most positions only make sense in China with the two numbers exchanged. */
export function looksSwapped(features: RawFeature[]): boolean {
	const s = sample(features);
	if (s.length === 0) return false;
	const swapped = s.filter((p) => !inChinaLonLat(p) && inChinaLonLat([p[1], p[0]])).length;
	return swapped / s.length > 0.5;
}

export interface CrsGuess {
	/** the system under which the most sample points land inside the reference shapes */
	likely: SourceCrs;
	/** share of the sample inside the reference, per system */
	fit: Record<SourceCrs, number>;
}

/**
 * Which coordinate system fits the reference shapes (villages or grids already stored) best.
 * Returns null when nothing can be said: no reference, or nothing fits under any system.
 * A grid drawn on an AMap basemap is ~500 m off in Zhejiang: far enough to fall in the
 * neighbouring grid, so the fit differs clearly between systems.
 */
export function guessCrs(features: RawFeature[], reference: Areal[], swap = false): CrsGuess | null {
	if (reference.length === 0) return null;
	const s = sample(features)
		.map((p) => (swap ? [p[1], p[0]] : p))
		.filter(inChinaLonLat);
	if (s.length === 0) return null;
	const index = new BoxIndex(reference.map(bboxOf));
	const inside = (p: LonLat) => index.search([p[0], p[1], p[0], p[1]]).some((i) => pointInAreal(p, reference[i]));
	const fit = { wgs84: 0, gcj02: 0, bd09: 0 } as Record<SourceCrs, number>;
	for (const crs of ['wgs84', 'gcj02', 'bd09'] as const)
		fit[crs] = s.filter((p) => inside(toWgs84(p, crs))).length / s.length;
	const likely = (['wgs84', 'gcj02', 'bd09'] as const).reduce((a, b) => (fit[b] > fit[a] + 0.2 ? b : a), 'wgs84');
	return fit[likely] > 0 ? { likely, fit } : null;
}
