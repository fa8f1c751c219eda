// Many small convex shapes (hexbin cells) cut to one large area (a county's outline has
// thousands of vertices). A cut costs what the area's vertices cost, so each shape is cut against
// only the part of the area in its box; a shape no edge of the area reaches is wholly in or out.
import { bboxClip } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { bboxOf } from './bbox.ts';
import { BoxIndex } from './box-index.ts';
import { clipToConvex } from './clip-to-convex.ts';
import { polygonsOf, type Areal, type BBox, type LonLat, type Ring } from './types.ts';

export class AreaClipper {
	private readonly edges: BoxIndex;
	/** each edge as [ax, ay, bx, by], in the index's order */
	private readonly segments: [number, number, number, number][] = [];
	private readonly east: number;

	constructor(readonly area: Areal) {
		const boxes: BBox[] = [];
		for (const poly of polygonsOf(area))
			for (const ring of poly)
				for (let i = 1; i < ring.length; i++) {
					const [ax, ay] = ring[i - 1];
					const [bx, by] = ring[i];
					this.segments.push([ax, ay, bx, by]);
					boxes.push([Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)]);
				}
		this.edges = new BoxIndex(boxes);
		this.east = bboxOf(area)[2];
	}

	/** crossing number along a ray east, over only the edges the ray's box meets */
	contains([x, y]: LonLat): boolean {
		let inside = false;
		for (const i of this.edges.search([x, y, this.east, y])) {
			const [ax, ay, bx, by] = this.segments[i];
			if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
		}
		return inside;
	}

	/** the part of a closed, convex, counter-clockwise ring inside the area; null when none */
	clip(ring: Ring): Areal | null {
		const shape: Polygon = { type: 'Polygon', coordinates: [ring] };
		const box = bboxOf(shape);
		if (this.edges.search(box).length === 0) return this.contains(ring[0]) ? shape : null;
		const local = this.localPart(box);
		return local ? clipToConvex(local, ring) : null;
	}

	/** parts of the area per coarse box: a border crossed by hundreds of cells is cut once per box */
	private readonly coarse = new Map<string, Areal | null>();

	/** the area's part in the box, cut first to the coarse box around it (cached), then to the box */
	private localPart(box: BBox): Areal | null {
		const [w, s, e, n] = box.map((v, i) => (i < 2 ? Math.floor(v / COARSE) : Math.ceil(v / COARSE)));
		const key = `${w},${s},${e},${n}`;
		if (!this.coarse.has(key))
			this.coarse.set(key, cutToBox(this.area, [w * COARSE, s * COARSE, e * COARSE, n * COARSE]));
		const part = this.coarse.get(key);
		return part ? cutToBox(part, box) : null;
	}
}

/** degrees: a few cells across */
const COARSE = 0.1;

/** the area cut to a box a little larger than the one given (a Sutherland–Hodgman cut, cheap) */
function cutToBox(area: Areal, box: BBox): Areal | null {
	const pad = 1e-6;
	const cut = bboxClip(area as Polygon | MultiPolygon, [
		box[0] - pad,
		box[1] - pad,
		box[2] + pad,
		box[3] + pad
	]).geometry as Areal;
	// the cut leaves polygons that fell outside the box as empty rings
	const polygons = polygonsOf(cut)
		.filter((poly) => poly.length > 0 && poly[0].length >= 4)
		.map((poly) => poly.filter((r) => r.length >= 4));
	if (polygons.length === 0) return null;
	return { type: 'MultiPolygon', coordinates: polygons };
}
