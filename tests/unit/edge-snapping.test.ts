// Snapping while drawing: a click near an outline lands on it, a corner wins over an edge, and
// a click out of reach stays where it was clicked.
import { describe, expect, it } from 'vitest';
import { snapToRings } from '../../src/lib/map/edge-snapping.ts';

// a plain projection: 1° = 1000 px, y down
const project = (lng: number, lat: number) => ({ x: (lng - 120) * 1000, y: (28 - lat) * 1000 });
const square = [
	[
		[120, 28],
		[120.1, 28],
		[120.1, 27.9],
		[120, 27.9],
		[120, 28]
	]
];

describe('snapToRings', () => {
	it('puts a click near an edge onto the edge, at the nearest point', () => {
		// 5 px inside the north edge, 40 px from the west corner
		const p = snapToRings({ x: 40, y: 5 }, square, project)!;
		expect(p[0]).toBeCloseTo(120.04, 9);
		expect(p[1]).toBeCloseTo(28, 9);
	});

	it('prefers a corner within reach to a nearer edge point', () => {
		const p = snapToRings({ x: 8, y: 2 }, square, project)!;
		expect(p).toEqual([120, 28]);
	});

	it('leaves a click out of reach alone', () => {
		expect(snapToRings({ x: 50, y: 30 }, square, project)).toBeUndefined();
		expect(snapToRings({ x: 50, y: 30 }, square, project, 31)).toEqual([120.05, 28]);
	});

	it('takes the nearest of several outlines, and ignores repeated points', () => {
		const neighbour = [
			[
				[120.1, 28],
				[120.1, 28],
				[120.2, 28],
				[120.2, 27.9],
				[120.1, 27.9]
			]
		];
		// between the two squares' shared edge (x = 100) and the neighbour's north edge
		const p = snapToRings({ x: 103, y: 50 }, [...square, ...neighbour], project)!;
		expect(p[0]).toBeCloseTo(120.1, 9);
		expect(p[1]).toBeCloseTo(27.95, 9);
	});
});
