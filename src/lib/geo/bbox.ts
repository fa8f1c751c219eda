// Bounding boxes in lon-lat degrees, the keys of the spatial indexes.
import { polygonsOf, type Areal, type BBox } from './types.ts';

export function bboxOf(g: Areal): BBox {
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -Infinity;
	let maxY = -Infinity;
	for (const poly of polygonsOf(g))
		for (const ring of poly)
			for (const [x, y] of ring) {
				if (x < minX) minX = x;
				if (y < minY) minY = y;
				if (x > maxX) maxX = x;
				if (y > maxY) maxY = y;
			}
	return [minX, minY, maxX, maxY];
}

export function bboxesOverlap(a: BBox, b: BBox): boolean {
	return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}
