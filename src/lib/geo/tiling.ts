// Whether some parts tile a whole exactly (no gap, no overlap, nothing outside), decided from the
// boundaries alone: with every ring oriented (shells counter-clockwise, holes clockwise), the
// parts' edges minus the whole's edges cancel out exactly when the parts' winding numbers add
// up to the whole's everywhere. Edges are first split at vertices lying on them (T-junctions
// where a grid's cut line meets the village outline). It costs microseconds and spares the
// overlay for the common case of grids cut from their village; any doubt answers false.
import { polygonsOf, type Areal, type LonLat, type Ring } from './types.ts';
import { ringSignedArea2 } from './validity.ts';

/** ~0.1 mm in degrees: the noise of a computed T-junction */
const TOLERANCE = 1e-9;

function orientedRings(g: Areal): Ring[] {
	const out: Ring[] = [];
	for (const poly of polygonsOf(g))
		poly.forEach((ring, i) => {
			const ccw = ringSignedArea2(ring) > 0;
			// shells counter-clockwise, holes clockwise
			out.push(ccw === (i === 0) ? ring : [...ring].reverse());
		});
	return out;
}

const key = (p: LonLat) => `${p[0]},${p[1]}`;

function splitPoints(a: LonLat, b: LonLat, vertices: LonLat[]): LonLat[] {
	const dx = b[0] - a[0];
	const dy = b[1] - a[1];
	const len2 = dx * dx + dy * dy;
	if (len2 === 0) return [];
	const hits: { t: number; p: LonLat }[] = [];
	const minX = Math.min(a[0], b[0]) - TOLERANCE;
	const maxX = Math.max(a[0], b[0]) + TOLERANCE;
	const minY = Math.min(a[1], b[1]) - TOLERANCE;
	const maxY = Math.max(a[1], b[1]) + TOLERANCE;
	for (const p of vertices) {
		if (p[0] < minX || p[0] > maxX || p[1] < minY || p[1] > maxY) continue;
		const t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
		if (t <= 0 || t >= 1) continue;
		const cross = (p[0] - a[0]) * dy - (p[1] - a[1]) * dx;
		if ((cross * cross) / len2 > TOLERANCE * TOLERANCE) continue;
		if ((p[0] === a[0] && p[1] === a[1]) || (p[0] === b[0] && p[1] === b[1])) continue;
		hits.push({ t, p });
	}
	hits.sort((u, v) => u.t - v.t);
	return hits.map((h) => h.p);
}

export function partsTileWhole(whole: Areal, parts: Areal[]): boolean {
	if (parts.length === 0) return false;
	const wholeRings = orientedRings(whole);
	const partRings = parts.flatMap(orientedRings);
	const vertices: LonLat[] = [];
	const seen = new Set<string>();
	for (const ring of [...wholeRings, ...partRings])
		for (const p of ring) {
			const k = key(p);
			if (!seen.has(k)) {
				seen.add(k);
				vertices.push(p);
			}
		}
	const count = new Map<string, number>();
	const addEdge = (a: LonLat, b: LonLat, sign: number) => {
		const ka = key(a);
		const kb = key(b);
		if (ka === kb) return;
		// an edge and its reverse are the same boundary piece with opposite sign
		const forward = ka < kb;
		const k = forward ? `${ka}|${kb}` : `${kb}|${ka}`;
		const v = (count.get(k) ?? 0) + (forward ? sign : -sign);
		if (v === 0) count.delete(k);
		else count.set(k, v);
	};
	const addRing = (ring: Ring, sign: number) => {
		for (let i = 0; i + 1 < ring.length; i++) {
			let from = ring[i];
			for (const p of splitPoints(ring[i], ring[i + 1], vertices)) {
				addEdge(from, p, sign);
				from = p;
			}
			addEdge(from, ring[i + 1], sign);
		}
	};
	for (const r of partRings) addRing(r, 1);
	for (const r of wholeRings) addRing(r, -1);
	return count.size === 0;
}
