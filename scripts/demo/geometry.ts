// Plane geometry on lon-lat coordinates: the areas involved (a county at most) are small enough
// that a local metre scale per latitude is within a fraction of a percent of the spheroid.
import type { MultiPolygon, Point } from 'geojson';

export type Pt = [number, number];
/** closed: first point repeated at the end */
export type Ring = Pt[];
/** outer ring first, then holes */
export type Poly = Ring[];
export type Multi = Poly[];
export type BBox = [number, number, number, number];

const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON_EQUATOR = 111_320;

/** Metres per degree of longitude and latitude at a latitude. */
export function metreScale(lat: number): [number, number] {
	return [M_PER_DEG_LON_EQUATOR * Math.cos((lat * Math.PI) / 180), M_PER_DEG_LAT];
}

/** A point moved by dx metres east and dy metres north. */
export function offset(p: Pt, dx: number, dy: number): Pt {
	const [kx, ky] = metreScale(p[1]);
	return [p[0] + dx / kx, p[1] + dy / ky];
}

export function distanceM(a: Pt, b: Pt): number {
	const [kx, ky] = metreScale((a[1] + b[1]) / 2);
	return Math.hypot((a[0] - b[0]) * kx, (a[1] - b[1]) * ky);
}

/** Shoelace area in deg²; positive for counter-clockwise rings. */
export function ringSignedArea(ring: Ring): number {
	let s = 0;
	for (let i = 0, n = ring.length - 1; i < n; i++) {
		s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
	}
	return s / 2;
}

export function polyArea(poly: Poly): number {
	let a = Math.abs(ringSignedArea(poly[0]));
	for (let i = 1; i < poly.length; i++) a -= Math.abs(ringSignedArea(poly[i]));
	return a;
}

export function multiArea(m: Multi): number {
	let a = 0;
	for (const p of m) a += polyArea(p);
	return a;
}

/** Area in km², with the metre scale of the shape's middle latitude. */
export function areaKm2(m: Multi): number {
	const b = bboxOf(m);
	const [kx, ky] = metreScale((b[1] + b[3]) / 2);
	return (multiArea(m) * kx * ky) / 1e6;
}

export function ringBbox(ring: Ring): BBox {
	let x0 = Infinity;
	let y0 = Infinity;
	let x1 = -Infinity;
	let y1 = -Infinity;
	for (const [x, y] of ring) {
		if (x < x0) x0 = x;
		if (y < y0) y0 = y;
		if (x > x1) x1 = x;
		if (y > y1) y1 = y;
	}
	return [x0, y0, x1, y1];
}

export function bboxOf(m: Multi): BBox {
	const out: BBox = [Infinity, Infinity, -Infinity, -Infinity];
	for (const poly of m) {
		const b = ringBbox(poly[0]);
		out[0] = Math.min(out[0], b[0]);
		out[1] = Math.min(out[1], b[1]);
		out[2] = Math.max(out[2], b[2]);
		out[3] = Math.max(out[3], b[3]);
	}
	return out;
}

export function bboxesOverlap(a: BBox, b: BBox): boolean {
	return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** Crossing-number test; a point exactly on an edge may go either way. */
export function pointInRing(p: Pt, ring: Ring): boolean {
	const [x, y] = p;
	let inside = false;
	for (let i = 0, j = ring.length - 2, n = ring.length - 1; i < n; j = i++) {
		const [xi, yi] = ring[i];
		const [xj, yj] = ring[j];
		if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}

export function pointInPoly(p: Pt, poly: Poly): boolean {
	if (!pointInRing(p, poly[0])) return false;
	for (let i = 1; i < poly.length; i++) if (pointInRing(p, poly[i])) return false;
	return true;
}

export function pointInMulti(p: Pt, m: Multi): boolean {
	for (const poly of m) if (pointInPoly(p, poly)) return true;
	return false;
}

/** Squared distance from p to segment ab, in the units of the scaled axes. */
function segmentDistSq(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
	const dx = bx - ax;
	const dy = by - ay;
	const len = dx * dx + dy * dy;
	let t = len > 0 ? ((px - ax) * dx + (py - ay) * dy) / len : 0;
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	const ex = ax + t * dx - px;
	const ey = ay + t * dy - py;
	return ex * ex + ey * ey;
}

/** Distance in metres from p to the nearest edge of the shape (inside or outside). */
export function distanceToBoundaryM(p: Pt, m: Multi): number {
	const [kx, ky] = metreScale(p[1]);
	let best = Infinity;
	for (const poly of m) {
		for (const ring of poly) {
			for (let i = 0; i < ring.length - 1; i++) {
				const d = segmentDistSq(
					0,
					0,
					(ring[i][0] - p[0]) * kx,
					(ring[i][1] - p[1]) * ky,
					(ring[i + 1][0] - p[0]) * kx,
					(ring[i + 1][1] - p[1]) * ky
				);
				if (d < best) best = d;
			}
		}
	}
	return Math.sqrt(best);
}

/** Distance in metres from p to the shape: 0 inside. */
export function distanceToShapeM(p: Pt, m: Multi): number {
	return pointInMulti(p, m) ? 0 : distanceToBoundaryM(p, m);
}

/** Distance in degrees from p to the nearest edge (cheap guard against points on an edge). */
export function distanceToBoundaryDeg(p: Pt, m: Multi): number {
	let best = Infinity;
	for (const poly of m) {
		for (const ring of poly) {
			for (let i = 0; i < ring.length - 1; i++) {
				const d = segmentDistSq(p[0], p[1], ring[i][0], ring[i][1], ring[i + 1][0], ring[i + 1][1]);
				if (d < best) best = d;
			}
		}
	}
	return Math.sqrt(best);
}

/** Area-weighted centroid of the outer rings (may fall outside a concave shape). */
export function centroid(m: Multi): Pt {
	let cx = 0;
	let cy = 0;
	let a = 0;
	for (const poly of m) {
		const r = poly[0];
		for (let i = 0; i < r.length - 1; i++) {
			const f = r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1];
			cx += (r[i][0] + r[i + 1][0]) * f;
			cy += (r[i][1] + r[i + 1][1]) * f;
			a += f;
		}
	}
	if (a === 0) return m[0][0][0];
	return [cx / (3 * a), cy / (3 * a)];
}

export function ensureCcw(ring: Ring): Ring {
	return ringSignedArea(ring) < 0 ? ring.slice().reverse() : ring;
}

/** Closes a ring and removes repeated consecutive points; null when fewer than 3 remain. */
export function tidyRing(points: Pt[]): Ring | null {
	const out: Pt[] = [];
	for (const p of points) {
		const last = out[out.length - 1];
		if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
	}
	while (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1])
		out.pop();
	if (out.length < 3) return null;
	out.push(out[0]);
	return out;
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
	return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/**
 * True when the ring has no self-intersection, self-touch or back-tracking edge, with a margin:
 * near-degenerate rings count as not simple so the caller falls back to the exact clipper.
 */
export function ringIsSimple(ring: Ring, tol = 1e-11): boolean {
	const n = ring.length - 1;
	if (n < 3) return false;
	const tol2 = tol * tol;
	const boxes: BBox[] = [];
	for (let i = 0; i < n; i++) {
		const a = ring[i];
		const b = ring[i + 1];
		boxes.push([
			Math.min(a[0], b[0]) - tol,
			Math.min(a[1], b[1]) - tol,
			Math.max(a[0], b[0]) + tol,
			Math.max(a[1], b[1]) + tol
		]);
	}
	for (let i = 0; i < n; i++) {
		const a = ring[i];
		const b = ring[i + 1];
		// an edge folding back on the previous one (a spike) has zero width
		const prev = ring[(i - 1 + n) % n];
		const turn = orient(prev[0], prev[1], a[0], a[1], b[0], b[1]);
		const dot = (a[0] - prev[0]) * (b[0] - a[0]) + (a[1] - prev[1]) * (b[1] - a[1]);
		const lenP = Math.hypot(a[0] - prev[0], a[1] - prev[1]);
		const lenN = Math.hypot(b[0] - a[0], b[1] - a[1]);
		if (lenP < tol || lenN < tol) return false;
		if (dot < 0 && Math.abs(turn) < tol * Math.max(lenP, lenN)) return false;
		for (let j = i + 2; j < n; j++) {
			if (i === 0 && j === n - 1) continue; // adjacent through the closing point
			const bj = boxes[j];
			const bi = boxes[i];
			if (bi[0] > bj[2] || bj[0] > bi[2] || bi[1] > bj[3] || bj[1] > bi[3]) continue;
			const c = ring[j];
			const d = ring[j + 1];
			const o1 = orient(a[0], a[1], b[0], b[1], c[0], c[1]);
			const o2 = orient(a[0], a[1], b[0], b[1], d[0], d[1]);
			const o3 = orient(c[0], c[1], d[0], d[1], a[0], a[1]);
			const o4 = orient(c[0], c[1], d[0], d[1], b[0], b[1]);
			if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0)))
				return false;
			// touching or nearly touching: any endpoint close to the other segment
			if (
				segmentDistSq(c[0], c[1], a[0], a[1], b[0], b[1]) < tol2 ||
				segmentDistSq(d[0], d[1], a[0], a[1], b[0], b[1]) < tol2 ||
				segmentDistSq(a[0], a[1], c[0], c[1], d[0], d[1]) < tol2 ||
				segmentDistSq(b[0], b[1], c[0], c[1], d[0], d[1]) < tol2
			)
				return false;
		}
	}
	return true;
}

const before = (p: Pt, q: Pt) => p[0] < q[0] || (p[0] === q[0] && p[1] < q[1]);

/**
 * Where segment pq crosses the line ab. Computed from the endpoints in a canonical order, so
 * the two cells on either side of a Voronoi edge get bit-identical vertices where it crosses
 * the parent's boundary (otherwise neighbours differ in the last bit and unions go invalid).
 */
function crossing(p: Pt, q: Pt, a: Pt, b: Pt): Pt {
	if (before(q, p)) [p, q] = [q, p];
	if (before(b, a)) [a, b] = [b, a];
	const sp = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
	const sq = (b[0] - a[0]) * (q[1] - a[1]) - (b[1] - a[1]) * (q[0] - a[0]);
	const t = sp / (sp - sq);
	return [p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t];
}

interface Crossing {
	pt: Pt;
	/** the cell edge it lies on, and how far along it */
	edge: number;
	along: number;
	entry: boolean;
	/** the subject edge it lies on */
	subjectEdge: number;
	visited: boolean;
}

/**
 * The parts of a simple counter-clockwise ring inside a convex counter-clockwise cell, built
 * only from the ring's vertices, the cell's vertices and edge crossings (Weiler–Atherton
 * specialised to a convex clip), so neighbouring cells share their vertices bit for bit.
 * Returns null on a degenerate configuration (a vertex exactly on a cell edge line), for the
 * caller to use the exact clipper instead.
 */
export function clipRingToConvex(subject: Ring, cell: Ring): Ring[] | null {
	const ne = cell.length - 1;
	const ns = subject.length - 1;
	const side = (e: number, p: Pt) => {
		const a = cell[e];
		const b = cell[e + 1];
		return (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
	};
	const exitOf = new Array<Crossing | null>(ns).fill(null);
	const entryOf = new Array<Crossing | null>(ns).fill(null);
	const crossings: Crossing[] = [];
	let anyInside = false;
	for (let i = 0; i < ns; i++) {
		const p = subject[i];
		const q = subject[i + 1];
		// Cyrus–Beck: the part of pq inside every half-plane
		let t0 = 0;
		let t1 = 1;
		let e0 = -1;
		let e1 = -1;
		let outside = false;
		let pInside = true;
		for (let e = 0; e < ne; e++) {
			const sp = side(e, p);
			const sq = side(e, q);
			if (sp === 0 || sq === 0) return null;
			if (sp < 0) pInside = false;
			if (sp < 0 && sq < 0) {
				outside = true;
				break;
			}
			if (sp > 0 && sq > 0) continue;
			const t = sp / (sp - sq);
			if (sp < 0) {
				if (t > t0) {
					t0 = t;
					e0 = e;
				}
			} else if (t < t1) {
				t1 = t;
				e1 = e;
			}
		}
		if (pInside) anyInside = true;
		if (outside || t0 >= t1) continue;
		const make = (e: number, entry: boolean): Crossing => {
			const a = cell[e];
			const b = cell[e + 1];
			const pt = crossing(p, q, a, b);
			const along = (pt[0] - a[0]) * (b[0] - a[0]) + (pt[1] - a[1]) * (b[1] - a[1]);
			return { pt, edge: e, along, entry, subjectEdge: i, visited: false };
		};
		if (e0 >= 0) crossings.push((entryOf[i] = make(e0, true)));
		if (e1 >= 0) crossings.push((exitOf[i] = make(e1, false)));
	}
	if (crossings.length === 0) {
		if (anyInside) return [subject];
		return pointInRing(cell[0], subject) ? [cell] : [];
	}
	crossings.sort((x, y) => x.edge - y.edge || x.along - y.along);
	for (let k = 1; k < crossings.length; k++) {
		const x = crossings[k - 1];
		const y = crossings[k];
		if (x.edge === y.edge && x.along === y.along) return null;
	}
	const order = new Map(crossings.map((c, k) => [c, k]));
	const rings: Ring[] = [];
	for (const start of crossings) {
		if (!start.entry || start.visited) continue;
		const out: Pt[] = [];
		let entry = start;
		for (let guard = 0; ; guard++) {
			if (guard > crossings.length + 1) return null;
			entry.visited = true;
			out.push(entry.pt);
			// along the subject, inside the cell, to where it leaves
			let i = entry.subjectEdge;
			let steps = 0;
			while (!exitOf[i]) {
				i = (i + 1) % ns;
				out.push(subject[i]);
				if (++steps > ns) return null;
			}
			const exit = exitOf[i] as Crossing;
			out.push(exit.pt);
			// along the cell boundary, counter-clockwise, to the next crossing (an entry)
			const next = crossings[((order.get(exit) as number) + 1) % crossings.length];
			if (!next.entry) return null;
			if (!(next.edge === exit.edge && next.along > exit.along)) {
				let e = exit.edge;
				do {
					e = (e + 1) % ne;
					out.push(cell[e]);
				} while (e !== next.edge);
			}
			if (next === start) break;
			entry = next;
		}
		const ring = tidyRing(out);
		if (ring) rings.push(ring);
	}
	return rings;
}

export function toMultiPolygon(m: Multi): MultiPolygon {
	return { type: 'MultiPolygon', coordinates: m };
}

export function toPoint(p: Pt): Point {
	return { type: 'Point', coordinates: p };
}
