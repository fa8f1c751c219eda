// The colours shown together on one map stay apart (CIEDE2000), for normal vision and under a
// deuteranopia simulation (Machado et al.). Incidents are circles and officers other shapes, so a
// category and an officer kind may be closer in colour than two categories; grid fills must
// never be mistaken for an incident colour.
import { describe, expect, it } from 'vitest';
import {
	closestPair,
	deltaE2000,
	simulateDeuteranopia,
	type Rgb
} from '../../src/lib/colour/colour-difference.ts';
import { OFFICER_SHAPES } from '../../src/lib/ui/marker-shape.ts';
import {
	CATEGORY_COLOURS,
	GRID_ASSIGNED,
	GRID_UNASSIGNED,
	OFFICER_COLOURS
} from '../../src/lib/ui/palette.ts';

const rgb = (c: readonly number[]): Rgb => [c[0], c[1], c[2]];
const FILLS = { grid_assigned: rgb(GRID_ASSIGNED), grid_unassigned: rgb(GRID_UNASSIGNED) };

/** The smallest distance between any colour of `a` and any of `b`. */
function closestAcross(a: Record<string, Rgb>, b: Record<string, Rgb>, deuteranopia = false): number {
	const see = (c: Rgb) => (deuteranopia ? simulateDeuteranopia(c) : c);
	let min = Infinity;
	for (const x of Object.values(a))
		for (const y of Object.values(b)) min = Math.min(min, deltaE2000(see(x), see(y)));
	return min;
}

describe('the map palette', () => {
	it('keeps incident categories apart, also for a deuteranope', () => {
		expect(closestPair(CATEGORY_COLOURS).deltaE).toBeGreaterThanOrEqual(20);
		expect(closestPair(CATEGORY_COLOURS, 'deuteranopia').deltaE).toBeGreaterThanOrEqual(12);
	});

	it('keeps officer kinds apart, with a shape each that is not the incidents’ circle', () => {
		expect(closestPair(OFFICER_COLOURS).deltaE).toBeGreaterThanOrEqual(20);
		expect(closestPair(OFFICER_COLOURS, 'deuteranopia').deltaE).toBeGreaterThanOrEqual(12);
		const shapes = Object.values(OFFICER_SHAPES);
		expect(new Set(shapes).size).toBe(shapes.length);
		expect(shapes).not.toContain('circle');
	});

	it('keeps officer kinds from incident categories (told apart by shape too)', () => {
		expect(closestAcross(OFFICER_COLOURS, CATEGORY_COLOURS)).toBeGreaterThanOrEqual(10);
		expect(closestAcross(OFFICER_COLOURS, CATEGORY_COLOURS, true)).toBeGreaterThanOrEqual(6);
	});

	it('gives the grids’ assignment states colours no incident has', () => {
		expect(closestPair(FILLS).deltaE).toBeGreaterThanOrEqual(20);
		expect(closestAcross(FILLS, CATEGORY_COLOURS)).toBeGreaterThanOrEqual(20);
		expect(closestAcross(FILLS, CATEGORY_COLOURS, true)).toBeGreaterThanOrEqual(12);
	});

	it('would have failed on the old palette (no officer vs 治安, 诈骗 vs 交通 for a deuteranope)', () => {
		const oldUnassigned: Rgb = [234, 88, 12];
		const oldPublicOrder: Rgb = [234, 88, 12];
		const oldFraud: Rgb = [147, 51, 234];
		const oldTraffic: Rgb = [37, 99, 235];
		expect(deltaE2000(oldUnassigned, oldPublicOrder)).toBeLessThan(20);
		expect(deltaE2000(simulateDeuteranopia(oldFraud), simulateDeuteranopia(oldTraffic))).toBeLessThan(12);
	});
});
