// Shapes by bounding box (flatbush): the candidates an overlay or a point test has to look at.
import Flatbush from 'flatbush';
import type { BBox } from './types.ts';

export class BoxIndex {
	private readonly index: Flatbush;

	constructor(readonly boxes: BBox[]) {
		this.index = new Flatbush(Math.max(1, boxes.length));
		for (const b of boxes) this.index.add(b[0], b[1], b[2], b[3]);
		if (boxes.length === 0) this.index.add(0, 0, 0, 0);
		this.index.finish();
	}

	search(b: BBox): number[] {
		if (this.boxes.length === 0) return [];
		return this.index.search(b[0], b[1], b[2], b[3]);
	}
}
