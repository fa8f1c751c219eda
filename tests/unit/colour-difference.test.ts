import { describe, expect, it } from 'vitest';
import {
	closestPair,
	deltaE2000,
	deltaE2000Lab,
	simulateDeuteranopia,
	toLab
} from '../../src/lib/colour/colour-difference.ts';

describe('CIEDE2000', () => {
	// pairs from Sharma, Wu & Dalal (2005), "The CIEDE2000 color-difference formula", table 1
	it.each([
		[[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
		[[50, 0, 0], [50, -1, 2], 2.3669],
		[[50, 2.49, -0.001], [50, -2.49, 0.0009], 7.1792],
		[[50, 2.5, 0], [73, 25, -18], 27.1492],
		[[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644]
	])('%j ~ %j is %f', (a, b, expected) => {
		expect(deltaE2000Lab(a, b)).toBeCloseTo(expected, 4);
		expect(deltaE2000Lab(b, a)).toBeCloseTo(expected, 4);
	});

	it('puts sRGB white and black 100 apart, through CIELAB under D65', () => {
		expect(toLab([255, 255, 255])[0]).toBeCloseTo(100, 3);
		expect(deltaE2000([255, 255, 255], [0, 0, 0])).toBeCloseTo(100, 3);
		expect(deltaE2000([12, 34, 56], [12, 34, 56])).toBe(0);
	});
});

describe('deuteranopia simulation', () => {
	it('leaves greys grey and folds red and green together', () => {
		const grey = simulateDeuteranopia([128, 128, 128]);
		for (const c of grey) expect(c).toBeCloseTo(128, 0);
		// the classic confusion: a red and a green far apart for normal vision, close for a deuteranope
		const red: [number, number, number] = [205, 92, 92];
		const green: [number, number, number] = [120, 140, 60];
		expect(deltaE2000(red, green)).toBeGreaterThan(30);
		expect(deltaE2000(simulateDeuteranopia(red), simulateDeuteranopia(green))).toBeLessThan(12);
	});

	it('finds the closest pair of a palette', () => {
		const p = { a: [200, 30, 30], b: [30, 30, 200], c: [205, 35, 30] } as const;
		expect(closestPair(p)).toMatchObject({ a: 'a', b: 'c' });
	});
});
