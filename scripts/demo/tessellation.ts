// Splits a shape into cells around seed points (Voronoi clipped to the shape), so the children
// of every level tile their parent: no overlap, no gap, nothing outside.
//
// turf.intersect (polyclip-ts, arbitrary precision) is exact but costs ~20 ms against a
// 1,500-vertex outline, far too slow for 100,000 cells, and it re-computes the vertices that
// neighbouring cells share. Most cells lie wholly inside the parent and are kept as they are;
// the others are clipped by clipRingToConvex, which builds them from shared vertices only.
// turf.intersect remains the fallback for parents with holes and degenerate cases.
import { featureCollection, intersect, multiPolygon, polygon, union } from '@turf/turf';
import { Delaunay } from 'd3-delaunay';
import Flatbush from 'flatbush';
import KDBush from 'kdbush';
import { pointOnSurface } from './sampling.ts';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import {
	bboxOf,
	clipRingToConvex,
	ensureCcw,
	pointInMulti,
	pointInRing,
	ringBbox,
	ringIsSimple,
	ringSignedArea,
	tidyRing,
	type BBox,
	type Multi,
	type Poly,
	type Pt,
	type Ring
} from './geometry.ts';

/** Parts and holes smaller than this (deg², about 0.01 m²) are floating-point slivers. */
export const SLIVER_DEG2 = 1e-12;

/** A parent shape with an index of its edges, to tell interior cells from boundary cells. */
class Parent {
	readonly bbox: BBox;
	readonly partBoxes: BBox[];
	readonly hasHoles: boolean;
	private readonly edges: Flatbush;

	constructor(readonly shape: Multi) {
		this.bbox = bboxOf(shape);
		this.partBoxes = shape.map((p) => ringBbox(p[0]));
		this.hasHoles = shape.some((p) => p.length > 1);
		let n = 0;
		for (const poly of shape) for (const ring of poly) n += ring.length - 1;
		this.edges = new Flatbush(Math.max(n, 1));
		for (const poly of shape) {
			for (const ring of poly) {
				for (let i = 0; i < ring.length - 1; i++) {
					const [ax, ay] = ring[i];
					const [bx, by] = ring[i + 1];
					this.edges.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
				}
			}
		}
		if (n === 0) this.edges.add(0, 0, 0, 0);
		this.edges.finish();
	}

	crossesBox(b: BBox): boolean {
		return this.edges.search(b[0], b[1], b[2], b[3]).length > 0;
	}
}

/** The part of the parent inside a convex cell (counter-clockwise ring). */
function clipCell(cell: Ring, seed: Pt, parent: Parent): Multi {
	const box = ringBbox(cell);
	if (!parent.crossesBox(box)) {
		// no parent edge comes near: the cell is wholly inside (it holds its seed) or outside
		return pointInMulti(seed, parent.shape) ? [[cell]] : [];
	}
	if (parent.hasHoles) return exactIntersection(cell, parent.shape);
	const out: Multi = [];
	for (let i = 0; i < parent.shape.length; i++) {
		const pb = parent.partBoxes[i];
		if (pb[0] > box[2] || box[0] > pb[2] || pb[1] > box[3] || box[1] > pb[3]) continue;
		const rings = clipRingToConvex(parent.shape[i][0], cell);
		if (!rings) return exactIntersection(cell, parent.shape);
		for (const ring of rings) {
			if (!ringIsSimple(ring)) return exactIntersection(cell, parent.shape);
			if (Math.abs(ringSignedArea(ring)) >= SLIVER_DEG2) out.push([ring]);
		}
	}
	return out;
}

function exactIntersection(cell: Ring, shape: Multi): Multi {
	const f = intersect(featureCollection<Polygon | MultiPolygon>([polygon([cell]), multiPolygon(shape)]));
	return f ? fromFeature(f) : [];
}

/** A turf result as tidy parts: counter-clockwise shells, clockwise holes, no slivers. */
export function fromFeature(f: Feature<Polygon | MultiPolygon>): Multi {
	const polys = (
		f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates
	) as Pt[][][];
	return tidyShape(polys);
}

export function tidyShape(polys: Pt[][][]): Multi {
	const shells: Ring[] = [];
	const holes: Ring[] = [];
	for (const rings of polys) {
		rings.forEach((raw, k) => {
			const ring = tidyRing(raw);
			if (!ring) return;
			const turn = Math.sign(ringSignedArea(ring));
			for (const loop of splitPinches(withTouchingVertices(ring))) {
				const a = ringSignedArea(loop);
				if (Math.abs(a) < SLIVER_DEG2) continue;
				// a loop of a shell turning the other way is a hole touching it at one point
				if (k === 0 && Math.sign(a) === turn) shells.push(ensureCcw(loop));
				else holes.push(ensureCcw(loop).reverse());
			}
		});
	}
	const out: Multi = shells.map((r) => [r]);
	for (const hole of holes) {
		// the smallest shell around it (an island in another polygon's hole is also a shell)
		const inner = pointOnSurface([[hole]]);
		let host: Poly | null = null;
		for (const p of out) {
			if (!pointInRing(inner, p[0])) continue;
			if (!host || ringSignedArea(p[0]) < ringSignedArea(host[0])) host = p;
		}
		if (host) host.push(hole);
	}
	return out;
}

/**
 * Adds to an edge any vertex of the same ring lying on it (within a hair), so that a ring
 * touching itself shows the touch as a repeated vertex.
 */
function withTouchingVertices(ring: Ring, tol = 1e-12): Ring {
	const n = ring.length - 1;
	const inserts = new Map<number, { t: number; p: Pt }[]>();
	for (let i = 0; i < n; i++) {
		const [ax, ay] = ring[i];
		const [bx, by] = ring[i + 1];
		const dx = bx - ax;
		const dy = by - ay;
		const len2 = dx * dx + dy * dy;
		if (len2 === 0) continue;
		const x0 = Math.min(ax, bx) - tol;
		const x1 = Math.max(ax, bx) + tol;
		const y0 = Math.min(ay, by) - tol;
		const y1 = Math.max(ay, by) + tol;
		for (let j = 0; j < n; j++) {
			if (j === i || j === (i + 1) % n) continue;
			const p = ring[j];
			if (p[0] < x0 || p[0] > x1 || p[1] < y0 || p[1] > y1) continue;
			if ((p[0] === ax && p[1] === ay) || (p[0] === bx && p[1] === by)) continue;
			const t = ((p[0] - ax) * dx + (p[1] - ay) * dy) / len2;
			if (t <= 0 || t >= 1) continue;
			const ex = ax + t * dx - p[0];
			const ey = ay + t * dy - p[1];
			if (ex * ex + ey * ey > tol * tol) continue;
			const list = inserts.get(i) ?? [];
			list.push({ t, p });
			inserts.set(i, list);
		}
	}
	if (inserts.size === 0) return ring;
	const out: Pt[] = [];
	for (let i = 0; i < n; i++) {
		out.push(ring[i]);
		const list = inserts.get(i);
		if (list) for (const { p } of list.sort((a, b) => a.t - b.t)) out.push(p);
	}
	out.push(ring[0]);
	return out;
}

/**
 * Splits a ring that touches itself at a vertex (polyclip writes two areas meeting at a point
 * as one such ring, which PostGIS calls a self-intersection) into simple loops.
 */
function splitPinches(ring: Ring): Ring[] {
	const pts = ring.slice(0, -1);
	const seen = new Map<string, number>();
	for (let j = 0; j < pts.length; j++) {
		const key = `${pts[j][0]},${pts[j][1]}`;
		const i = seen.get(key);
		if (i !== undefined) {
			const loop = tidyRing(pts.slice(i, j));
			const rest = tidyRing([...pts.slice(0, i), ...pts.slice(j)]);
			return [...(loop ? splitPinches(loop) : []), ...(rest ? splitPinches(rest) : [])];
		}
		seen.set(key, j);
	}
	return [ring];
}

/** Intersection of two shapes (exact, slow): for cleaning an outline or cutting a region once. */
export function intersectShapes(a: Multi, b: Multi): Multi {
	const f = intersect(featureCollection([multiPolygon(a), multiPolygon(b)]));
	return f ? fromFeature(f) : [];
}

/** Union of a few shapes (a campaign block of neighbouring villages). */
export function unionShapes(shapes: Multi[]): Multi {
	if (shapes.length === 1) return shapes[0];
	const f = union(featureCollection(shapes.map((s) => multiPolygon(s))));
	return f ? fromFeature(f) : [];
}

/**
 * d3 leaves straight-through vertices in some cells (two seeds, or seeds in a line); a cell
 * edge split in two collinear halves confuses the walk along the cell boundary.
 */
function dropCollinear(ring: Ring | null): Ring | null {
	if (!ring) return null;
	const pts = ring.slice(0, -1);
	const keep = pts.filter((v, i) => {
		const u = pts[(i - 1 + pts.length) % pts.length];
		const w = pts[(i + 1) % pts.length];
		const cross = (v[0] - u[0]) * (w[1] - v[1]) - (v[1] - u[1]) * (w[0] - v[0]);
		const scale = Math.hypot(v[0] - u[0], v[1] - u[1]) * Math.hypot(w[0] - v[0], w[1] - v[1]);
		return Math.abs(cross) > 1e-6 * scale;
	});
	return tidyRing(keep);
}

/**
 * Voronoi cells of the seeds clipped to the shape, one per seed in order. A seed whose cell
 * comes back empty (possible only for a seed right on the boundary) is drawn again.
 */
export function tessellate(shape: Multi, seeds: Pt[], reseed: (i: number) => Pt): Multi[] {
	if (seeds.length === 1) return [shape];
	const parent = new Parent(shape);
	const [x0, y0, x1, y1] = parent.bbox;
	// Voronoi in a locally isotropic frame (longitude shrunk by cos φ) so cells look round on
	// the map; bounds a little beyond the shape so no cell edge runs along a shape vertex
	const k = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
	const mx = (x1 - x0) * 0.01 + 1e-6;
	const my = (y1 - y0) * 0.01 + 1e-6;
	const bounds: [number, number, number, number] = [(x0 - mx) * k, y0 - my, (x1 + mx) * k, y1 + my];
	for (let attempt = 0; ; attempt++) {
		const flat = new Float64Array(seeds.length * 2);
		seeds.forEach((s, i) => {
			flat[2 * i] = s[0] * k;
			flat[2 * i + 1] = s[1];
		});
		const voronoi = new Delaunay(flat).voronoi(bounds);
		const cells: Multi[] = [];
		const empty: number[] = [];
		for (let i = 0; i < seeds.length; i++) {
			const raw = voronoi.cellPolygon(i);
			const ring = raw ? dropCollinear(tidyRing(raw.map(([x, y]) => [x / k, y] as Pt))) : null;
			const cell = ring ? clipCell(ensureCcw(ring), seeds[i], parent) : [];
			if (cell.length === 0) empty.push(i);
			cells.push(cell);
		}
		if (empty.length === 0) return cells;
		if (attempt > 50) throw new Error(`tessellation keeps producing empty cells (${empty.length})`);
		for (const i of empty) seeds[i] = reseed(i);
	}
}

/**
 * Inserts into every shape the vertices of the other shapes that lie on its edges (T-junctions
 * where two parent cells meet), so that neighbours share identical vertices along every common
 * edge and a union of neighbours comes out clean instead of with hairline slivers.
 */
export function nodeSharedEdges(shapes: Multi[], tol = 1e-11): Multi[] {
	const xs: number[] = [];
	const ys: number[] = [];
	for (const m of shapes) {
		for (const poly of m) {
			for (const ring of poly) {
				for (let i = 0; i < ring.length - 1; i++) {
					xs.push(ring[i][0]);
					ys.push(ring[i][1]);
				}
			}
		}
	}
	const index = new KDBush(Math.max(1, xs.length));
	for (let i = 0; i < xs.length; i++) index.add(xs[i], ys[i]);
	if (xs.length === 0) index.add(0, 0);
	index.finish();
	const tol2 = tol * tol;
	const nodeRing = (ring: Ring): Ring => {
		const out: Pt[] = [];
		for (let i = 0; i < ring.length - 1; i++) {
			const a = ring[i];
			const b = ring[i + 1];
			out.push(a);
			const dx = b[0] - a[0];
			const dy = b[1] - a[1];
			const len2 = dx * dx + dy * dy;
			const found = new Map<string, { t: number; p: Pt }>();
			const hits = index.range(
				Math.min(a[0], b[0]) - tol,
				Math.min(a[1], b[1]) - tol,
				Math.max(a[0], b[0]) + tol,
				Math.max(a[1], b[1]) + tol
			);
			for (const k of hits) {
				const p: Pt = [xs[k], ys[k]];
				const da = (p[0] - a[0]) ** 2 + (p[1] - a[1]) ** 2;
				const db = (p[0] - b[0]) ** 2 + (p[1] - b[1]) ** 2;
				if (da <= tol2 || db <= tol2) continue;
				const t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
				if (t <= 0 || t >= 1) continue;
				const ex = a[0] + t * dx - p[0];
				const ey = a[1] + t * dy - p[1];
				if (ex * ex + ey * ey > tol2) continue;
				found.set(`${p[0]},${p[1]}`, { t, p });
			}
			for (const { p } of [...found.values()].sort((u, v) => u.t - v.t)) out.push(p);
		}
		out.push(out[0]);
		return out;
	};
	return shapes.map((m) => m.map((poly) => poly.map(nodeRing)));
}
