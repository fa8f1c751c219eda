// A polygon minus convex polygons (the reach buffers), without a general overlay: the outside of
// a convex polygon is split into disjoint slabs, one per edge (outside that edge, inside the
// edges before it), and each slab is a half-plane clip of the polygon. The pieces are disjoint,
// so their areas add up exactly; they are returned side by side, not dissolved. Turf's general
// overlay (polyclip-ts, arbitrary precision) is ~50× slower on the same shapes.
import type { MultiPolygon } from 'geojson';
import { convexContains } from './convex.ts';
import { polygonsOf, type Areal, type BBox, type LonLat, type Ring, type Rings } from './types.ts';

const side = (a: LonLat, b: LonLat, p: LonLat) =>
	(b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);

/** The part of a closed ring left of a→b (keepLeft) or right of it; null when empty. */
function clipRing(ring: Ring, a: LonLat, b: LonLat, keepLeft: boolean): Ring | null {
	const out: LonLat[] = [];
	const n = ring.length - 1;
	for (let i = 0; i < n; i++) {
		const p = ring[i];
		const q = ring[i + 1];
		const sp = keepLeft ? side(a, b, p) : -side(a, b, p);
		const sq = keepLeft ? side(a, b, q) : -side(a, b, q);
		if (sp >= 0) out.push(p);
		if ((sp > 0 && sq < 0) || (sp < 0 && sq > 0)) {
			const t = sp / (sp - sq);
			out.push([p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t]);
		}
	}
	if (out.length < 3) return null;
	out.push(out[0]);
	let area2 = 0;
	for (let i = 0; i + 1 < out.length; i++) area2 += out[i][0] * out[i + 1][1] - out[i + 1][0] * out[i][1];
	return area2 === 0 ? null : out;
}

function clipPiece(piece: Rings, a: LonLat, b: LonLat, keepLeft: boolean): Rings | null {
	const shell = clipRing(piece[0], a, b, keepLeft);
	if (!shell) return null;
	const out: Rings = [shell];
	for (let h = 1; h < piece.length; h++) {
		const hole = clipRing(piece[h], a, b, keepLeft);
		if (hole) out.push(hole);
	}
	return out;
}

function boxOf(ring: Ring): BBox {
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -Infinity;
	let maxY = -Infinity;
	for (const [x, y] of ring) {
		if (x < minX) minX = x;
		if (x > maxX) maxX = x;
		if (y < minY) minY = y;
		if (y > maxY) maxY = y;
	}
	return [minX, minY, maxX, maxY];
}

const disjoint = (a: BBox, b: BBox) => a[0] > b[2] || b[0] > a[2] || a[1] > b[3] || b[1] > a[3];

function subtractOne(pieces: Rings[], convex: Ring): Rings[] {
	const cbox = boxOf(convex);
	const out: Rings[] = [];
	for (const piece of pieces) {
		if (disjoint(boxOf(piece[0]), cbox)) {
			out.push(piece);
			continue;
		}
		// holes lie inside the shell, so a shell inside the convex polygon takes the piece along
		if (piece[0].every((p) => convexContains(convex, p))) continue;
		let rest: Rings | null = piece;
		for (let i = 0; i + 1 < convex.length && rest; i++) {
			const outside = clipPiece(rest, convex[i], convex[i + 1], false);
			if (outside) out.push(outside);
			rest = clipPiece(rest, convex[i], convex[i + 1], true);
		}
	}
	return out;
}

/** subject minus every convex ring (closed, counter-clockwise); null when nothing is left */
export function subtractConvex(subject: Areal, convexRings: Ring[]): MultiPolygon | null {
	let pieces: Rings[] = polygonsOf(subject);
	for (const c of convexRings) {
		pieces = subtractOne(pieces, c);
		if (pieces.length === 0) return null;
	}
	return { type: 'MultiPolygon', coordinates: pieces };
}
