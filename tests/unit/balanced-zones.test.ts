// The balanced re-gridding proposal: n zones that cover the area exactly (no gap, no overlap),
// each holding a near-equal share of the households (±10% and at most one apart per cut).
import { describe, expect, it } from 'vitest';
import { area as turfArea } from '@turf/turf';
import { balancedZones } from '../../src/lib/geo/balanced-zones.ts';
import { pointInAreal } from '../../src/lib/geo/point-in-polygon.ts';
import type { Areal, LonLat } from '../../src/lib/geo/types.ts';

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number) {
	return () => {
		seed |= 0;
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

// an L-shaped village (concave) about 2 km across, households clustered in its south-west
const village: Areal = {
	type: 'Polygon',
	coordinates: [
		[
			[119.0, 28.0],
			[119.02, 28.0],
			[119.02, 28.008],
			[119.008, 28.008],
			[119.008, 28.018],
			[119.0, 28.018],
			[119.0, 28.0]
		]
	]
};

function households(n: number): LonLat[] {
	const r = random(7);
	const out: LonLat[] = [];
	while (out.length < n) {
		const p: LonLat = [119 + 0.02 * r() ** 1.6, 28 + 0.018 * r() ** 1.6];
		if (pointInAreal(p, village)) out.push(p);
	}
	return out;
}

const m2 = (g: Areal) => turfArea({ type: 'Feature', properties: {}, geometry: g });

describe('balanced zones', () => {
	it.each([2, 5, 20])(
		'cuts a concave village into %i zones of near-equal households, covering it exactly',
		(n) => {
			const points = households(1200);
			const { zones, counts } = balancedZones(village, points, n);
			expect(zones).toHaveLength(n);
			// every household in exactly one zone, and the counts say so
			const held = zones.map((z) => points.filter((p) => pointInAreal(p, z)).length);
			expect(held).toEqual(counts);
			expect(held.reduce((a, b) => a + b, 0)).toBe(points.length);
			const mean = points.length / n;
			for (const c of counts) expect(Math.abs(c - mean) / mean).toBeLessThanOrEqual(0.1);
			// no gap, no overlap: the zones' areas add up to the village's
			const total = zones.reduce((a, z) => a + m2(z), 0);
			expect(Math.abs(total - m2(village)) / m2(village)).toBeLessThan(1e-6);
		}
	);

	// a U-shaped village: a cut across its width meets both prongs, a grid in two pieces
	const horseshoe: Areal = {
		type: 'Polygon',
		coordinates: [
			[
				[119.0, 28.0],
				[119.02, 28.0],
				[119.02, 28.02],
				[119.014, 28.02],
				[119.014, 28.006],
				[119.006, 28.006],
				[119.006, 28.02],
				[119.0, 28.02],
				[119.0, 28.0]
			]
		]
	};
	it.each([2, 7, 12, 20, 30])(
		'keeps each of %i zones of a U-shaped village in one piece, still balanced',
		(n) => {
			const r = random(11);
			const points: LonLat[] = [];
			while (points.length < 1200) {
				const p: LonLat = [119 + 0.02 * r(), 28 + 0.02 * r()];
				if (pointInAreal(p, horseshoe)) points.push(p);
			}
			const { zones, counts } = balancedZones(horseshoe, points, n);
			expect(zones).toHaveLength(n);
			expect(zones.map((z) => (z.type === 'Polygon' ? 1 : z.coordinates.length))).toEqual(zones.map(() => 1));
			const mean = points.length / n;
			for (const c of counts) expect(Math.abs(c - mean) / mean).toBeLessThanOrEqual(0.1);
			expect(counts.reduce((a, b) => a + b, 0)).toBe(points.length);
			const total = zones.reduce((a, z) => a + m2(z), 0);
			expect(Math.abs(total - m2(horseshoe)) / m2(horseshoe)).toBeLessThan(1e-6);
		}
	);

	it('refuses a zone count that is not a positive integer', () => {
		expect(() => balancedZones(village, [], 0)).toThrow(RangeError);
	});
});
