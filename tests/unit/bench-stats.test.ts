import { describe, expect, it } from 'vitest';
import { median, quantile } from '../../scripts/bench/stats.ts';

describe('bench statistics', () => {
	it('reports measured values: median and nearest-rank p95', () => {
		const samples = [120, 80, 100, 90, 400];
		expect(median(samples)).toBe(100);
		expect(quantile(samples, 0.95)).toBe(400);
		expect(quantile([5], 0.95)).toBe(5);
		expect(median([])).toBeNaN();
	});
});
