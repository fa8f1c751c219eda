// Many small shapes cut to one large area (a county's outline has thousands of vertices). An
// overlay costs what both shapes' vertices cost, so each small shape is cut against only the
// part of the area in its box; a shape no edge of the area reaches is wholly in or wholly out.
import { bboxClip } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { bboxOf } from './bbox.ts';
import { BoxIndex } from './box-index.ts';
import { intersection } from './overlay.ts';
import { pointInAreal } from './point-in-polygon.ts';
import { polygonsOf, type Areal, type BBox, type Ring } from './types.ts';

export class AreaClipper {
	private readonly edges: BoxIndex;

	constructor(readonly area: Areal) {
		const boxes: BBox[] = [];
		for (const poly of polygonsOf(area))
			for (const ring of poly)
				for (let i = 1; i < ring.length; i++) {
					const [ax, ay] = ring[i - 1];
					const [bx, by] = ring[i];
					boxes.push([Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)]);
				}
		this.edges = new BoxIndex(boxes);
	}

	/** the part of a closed ring inside the area; null when none */
	clip(ring: Ring): Areal | null {
		const shape: Polygon = { type: 'Polygon', coordinates: [ring] };
		const box = bboxOf(shape);
		if (this.edges.search(box).length === 0) return pointInAreal(ring[0], this.area) ? shape : null;
		const local = localPart(this.area, box);
		return local ? intersection(shape, local) : null;
	}
}

/** the area cut to a box a little larger than the shape's (a Sutherland–Hodgman cut, cheap) */
function localPart(area: Areal, box: BBox): Areal | null {
	const pad = 1e-6;
	const cut = bboxClip(area as Polygon | MultiPolygon, [
		box[0] - pad,
		box[1] - pad,
		box[2] + pad,
		box[3] + pad
	]).geometry as Areal;
	// the cut leaves polygons that fell outside the box as empty rings
	const polygons = polygonsOf(cut)
		.filter((poly) => poly[0].length >= 4)
		.map((poly) => poly.filter((r) => r.length >= 4));
	if (polygons.length === 0) return null;
	return { type: 'MultiPolygon', coordinates: polygons };
}
