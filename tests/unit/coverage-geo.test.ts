// The geometry pieces the engine builds on, checked against independent answers.
import { area, difference, feature, featureCollection } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { geodesicCircle } from '../../src/lib/geo/circle.ts';
import { haversineM, pointToArealM } from '../../src/lib/geo/distance.ts';
import { subtractConvex } from '../../src/lib/geo/subtract-convex.ts';
import { partsTileWhole } from '../../src/lib/geo/tiling.ts';
import { geometryProblem } from '../../src/lib/geo/validity.ts';
import type { LonLat } from '../../src/lib/geo/types.ts';
import { rectRing } from '../fixtures/coverage/fixtures.ts';

const rect = (x0: number, y0: number, x1: number, y1: number) => ({
	type: 'Polygon' as const,
	coordinates: [rectRing(x0, y0, x1, y1)]
});

describe('distance and circle', () => {
	it('puts every circle vertex at the radius', () => {
		const c: LonLat = [119.5, 28.5];
		for (const p of geodesicCircle(c, 3000).coordinates[0])
			expect(haversineM(c, p as LonLat)).toBeCloseTo(3000, 6);
	});

	it('measures to the nearest edge, and 0 inside', () => {
		const square = rect(119.5, 28.5, 119.52, 28.52);
		expect(pointToArealM([119.51, 28.51], square)).toBe(0);
		expect(pointToArealM([119.51, 28.49], square)).toBeCloseTo(
			haversineM([119.51, 28.49], [119.51, 28.5]),
			3
		);
	});
});

describe('subtractConvex', () => {
	it('matches Turf difference in area, with holes and several buffers', () => {
		const village = {
			type: 'Polygon' as const,
			coordinates: [rectRing(119.5, 28.5, 119.54, 28.53), rectRing(119.51, 28.51, 119.52, 28.52).reverse()]
		};
		const circles = [geodesicCircle([119.5, 28.5], 2000), geodesicCircle([119.54, 28.515], 1500)];
		const ours = subtractConvex(
			village,
			circles.map((c) => c.coordinates[0] as LonLat[])
		);
		const turf = difference(featureCollection([feature(village), ...circles.map((c) => feature(c))]));
		expect(ours).not.toBeNull();
		// polyclip-ts rounds its output; the two agree far inside the 0.1 % the oracle allows
		expect(area(ours!) / area(turf!)).toBeCloseTo(1, 4);
		expect(area(ours!)).toBeLessThan(area(village));
	});

	it('returns null when a buffer swallows the polygon', () => {
		const small = rect(119.5, 28.5, 119.501, 28.501);
		expect(
			subtractConvex(small, [geodesicCircle([119.5005, 28.5005], 3000).coordinates[0] as LonLat[]])
		).toBeNull();
	});
});

describe('partsTileWhole', () => {
	const whole = rect(119.5, 28.5, 119.52, 28.52);
	it('accepts halves with a T-junction on the outline', () => {
		expect(partsTileWhole(whole, [rect(119.5, 28.5, 119.51, 28.52), rect(119.51, 28.5, 119.52, 28.52)])).toBe(
			true
		);
	});
	it('rejects a gap, an overlap and an overhang', () => {
		expect(partsTileWhole(whole, [rect(119.5, 28.5, 119.51, 28.52), rect(119.51, 28.5, 119.52, 28.51)])).toBe(
			false
		);
		expect(partsTileWhole(whole, [whole, rect(119.5, 28.5, 119.51, 28.51)])).toBe(false);
		expect(partsTileWhole(whole, [rect(119.5, 28.5, 119.53, 28.52)])).toBe(false);
	});
});

describe('geometryProblem', () => {
	it('names what is wrong', () => {
		expect(geometryProblem(rect(119.5, 28.5, 119.52, 28.52))).toBeNull();
		const bowtie = {
			type: 'Polygon',
			coordinates: [
				[
					[0, 0],
					[1, 1],
					[1, 0],
					[0, 1],
					[0, 0]
				]
			]
		};
		expect(geometryProblem(bowtie)).toBe('input.self_intersection');
		expect(
			geometryProblem({
				type: 'Polygon',
				coordinates: [
					[
						[0, 0],
						[1, 0],
						[2, 0],
						[0, 0]
					]
				]
			})
		).toBe('input.zero_area');
		expect(
			geometryProblem({
				type: 'Polygon',
				coordinates: [
					[
						[0, 0],
						[1, 0],
						[1, 1],
						[0, 0.5]
					]
				]
			})
		).toBe('input.ring_not_closed');
		expect(
			geometryProblem({
				type: 'Polygon',
				coordinates: [
					[
						[0, 0],
						[1, Number.NaN],
						[1, 1],
						[0, 0]
					]
				]
			})
		).toBe('input.non_finite');
		expect(geometryProblem({ type: 'Point', coordinates: [0, 0] })).toBe('input.not_polygon');
	});
});
