// Guesses about the coordinates, pointed out to the admin (never applied silently): lon and lat
// swapped, or a vendor offset (GCJ-02, BD-09) revealed by how well the features land inside
// what is already on the map once converted.
import type { Geometry, Position } from 'geojson';
import { toWgs84, type SourceCrs } from '../formats/crs.ts';
import type { RawFeature } from '../formats/parsed.ts';
import { BoxIndex } from '../geo/box-index.ts';
import { bboxOf } from '../geo/bbox.ts';
import { pointInAreal } from '../geo/point-in-polygon.ts';
import { isFinitePosition, type Areal, type LonLat } from '../geo/types.ts';

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
	return isFinitePosition(c) ? c : null;
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

export const inChinaLonLat = (p: Position) => p[0] >= 73 && p[0] <= 136 && p[1] >= 3 && p[1] <= 54;

/** Most positions only make sense in China with the two numbers exchanged. */
export function looksSwapped(features: RawFeature[]): boolean {
	const s = sample(features);
	if (s.length === 0) return false;
	const swapped = s.filter((p) => !inChinaLonLat(p) && inChinaLonLat([p[1], p[0]])).length;
	return swapped / s.length > 0.5;
}

export interface CrsGuess {
	/** the system under which the file fits what is stored best */
	likely: SourceCrs;
	/** how it was judged: same-code features' distance (m, median), or the share inside */
	by: 'codes' | 'inside';
	score: Record<SourceCrs, number>;
}

const SYSTEMS = ['wgs84', 'gcj02', 'bd09'] as const;

/** Metres between two nearby lon-lat points (equirectangular; enough for tens of metres). */
function metres(a: Position, b: Position): number {
	const k = Math.cos((a[1] * Math.PI) / 180);
	return Math.hypot((a[0] - b[0]) * k, a[1] - b[1]) * 111_320;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Which coordinate system makes the file fit what is stored. Best evidence: features whose
 * code is already stored (a re-drawn grid, a re-exported layer) land on their stored twin under
 * the right system and ~500 m off under a wrong one (GCJ-02's offset in Zhejiang). Otherwise:
 * the share of the sample that lands inside the reference shapes. Null when nothing can be said.
 */
export function guessCrs(
	features: RawFeature[],
	reference: Areal[],
	swap = false,
	known: { code: string; geometry: Areal }[] = [],
	codeOf: (f: RawFeature) => string | null = () => null
): CrsGuess | null {
	const orient = (p: Position) => (swap ? [p[1], p[0]] : p);
	const twins = new Map(known.map((k) => [k.code, k.geometry]));
	const pairs: [Position, Position][] = [];
	for (const f of features) {
		if (pairs.length >= SAMPLE) break;
		const code = codeOf(f);
		const twin = code === null ? undefined : twins.get(code);
		const p = representative(f.geometry);
		const q = twin ? representative(twin) : null;
		if (p && q && inChinaLonLat(orient(p))) pairs.push([orient(p), q]);
	}
	if (pairs.length > 0) {
		const score = { wgs84: 0, gcj02: 0, bd09: 0 } as Record<SourceCrs, number>;
		for (const crs of SYSTEMS) score[crs] = median(pairs.map(([p, q]) => metres(toWgs84(p, crs), q)));
		const likely = SYSTEMS.reduce((a, b) => (score[b] < score[a] ? b : a), 'wgs84');
		// a clear winner: within 50 m, and the others far off
		if (score[likely] < 50 && SYSTEMS.every((c) => c === likely || score[c] > 100))
			return { likely, by: 'codes', score };
		return null;
	}
	if (reference.length === 0) return null;
	const s = sample(features).map(orient).filter(inChinaLonLat);
	if (s.length === 0) return null;
	const index = new BoxIndex(reference.map(bboxOf));
	const inside = (p: LonLat) =>
		index.search([p[0], p[1], p[0], p[1]]).some((i) => pointInAreal(p, reference[i]));
	const score = { wgs84: 0, gcj02: 0, bd09: 0 } as Record<SourceCrs, number>;
	for (const crs of SYSTEMS) score[crs] = s.filter((p) => inside(toWgs84(p, crs))).length / s.length;
	const likely = SYSTEMS.reduce((a, b) => (score[b] > score[a] + 0.2 ? b : a), 'wgs84');
	return score[likely] > 0 ? { likely, by: 'inside', score } : null;
}
