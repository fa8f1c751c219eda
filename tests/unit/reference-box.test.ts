// The box an import preview reads its reference in: the file's points in China (swapped if
// chosen), padded by 2 km; a stray point elsewhere does not widen it.
import { describe, expect, it } from 'vitest';
import type { RawFeature } from '../../src/lib/formats/parsed.ts';
import { boxHolds, REFERENCE_PAD_DEG, referenceBox } from '../../src/lib/import/reference-box.ts';

const point = (x: number, y: number): RawFeature => ({
	type: 'Feature',
	geometry: { type: 'Point', coordinates: [x, y] },
	properties: {}
});
const square: RawFeature = {
	type: 'Feature',
	geometry: {
		type: 'Polygon',
		coordinates: [
			[
				[119.2, 28.5],
				[119.3, 28.5],
				[119.3, 28.6],
				[119.2, 28.5]
			]
		]
	},
	properties: {}
};
const pad = REFERENCE_PAD_DEG;

describe('the reference box of an import file', () => {
	it("is the file's points padded, a stray point outside China left out", () => {
		const box = referenceBox(
			[square, point(119.25, 28.7), point(0, 0), { ...point(1, 1), geometry: null }],
			false
		)!;
		expect(box[0]).toBeCloseTo(119.2 - pad, 9);
		expect(box[1]).toBeCloseTo(28.5 - pad, 9);
		expect(box[2]).toBeCloseTo(119.3 + pad, 9);
		expect(box[3]).toBeCloseTo(28.7 + pad, 9);
	});

	it('reads swapped coordinates as the admin chose, and is null with no point in China', () => {
		const box = referenceBox([point(28.5, 119.2)], true)!;
		expect(box[0]).toBeCloseTo(119.2 - pad, 9);
		expect(box[1]).toBeCloseTo(28.5 - pad, 9);
		expect(referenceBox([point(28.5, 119.2)], false)).toBeNull();
		expect(referenceBox([point(500_000, 3_200_000)], false)).toBeNull();
	});

	it('holds a box inside it, not one reaching out', () => {
		expect(boxHolds([119, 28, 120, 29], [119.1, 28.1, 119.9, 28.9])).toBe(true);
		expect(boxHolds([119, 28, 120, 29], [119.1, 28.1, 120.1, 28.9])).toBe(false);
	});
});
