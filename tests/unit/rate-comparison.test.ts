import { describe, expect, it } from 'vitest';
import { binomialAtLeast, binomialAtMost, logGamma } from '../../src/lib/stats/binomial.ts';
import { compareRate, levelPerComparison, usualRange } from '../../src/lib/stats/rate-comparison.ts';

// the oracle: the probability mass summed term by term, a different computation
function massSum(n: number, p: number, from: number, to: number): number {
	let s = 0;
	for (let k = Math.max(0, from); k <= Math.min(n, to); k++) {
		s += Math.exp(
			logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log(1 - p)
		);
	}
	return s;
}

// a seeded Poisson stream, so the false-alarm check is the same on every run
function poissonStream(seed: number) {
	let s = seed >>> 0;
	const uniform = () => {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		return (s + 0.5) / 2 ** 32;
	};
	return (mean: number) => {
		let k = 0;
		let prod = uniform();
		const limit = Math.exp(-mean);
		while (prod > limit) {
			k++;
			prod *= uniform();
		}
		return k;
	};
}

describe('binomial tails', () => {
	it('log-gamma is exact on factorials', () => {
		expect(logGamma(1)).toBeCloseTo(0, 12);
		expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 10);
		expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
	});

	it('agree with the summed probability mass', () => {
		for (const n of [1, 2, 7, 30, 120, 900]) {
			for (const p of [1 / 29, 1 / 5, 0.5, 0.9]) {
				for (const k of [0, 1, Math.floor(n * p), Math.ceil(n / 2), n - 1, n]) {
					expect(binomialAtMost(k, n, p)).toBeCloseTo(massSum(n, p, 0, k), 10);
					expect(binomialAtLeast(k, n, p)).toBeCloseTo(massSum(n, p, k, n), 10);
				}
			}
		}
	});

	it('handle the ends', () => {
		expect(binomialAtMost(-1, 10, 0.3)).toBe(0);
		expect(binomialAtMost(10, 10, 0.3)).toBe(1);
		expect(binomialAtLeast(0, 10, 0.3)).toBe(1);
		expect(binomialAtLeast(11, 10, 0.3)).toBe(0);
		expect(binomialAtLeast(3, 3, 0.5)).toBeCloseTo(0.125, 14);
	});
});

describe('compareRate', () => {
	const wall = levelPerComparison(10); // the command wall's ten comparisons

	it('does not flag a usual day: 36 so far against a same-hours mean of 29', () => {
		const c = compareRate(36, 29 * 28, 28, wall);
		expect(c.verdict).toBe('normal');
		expect(c.expected).toBe(29);
		expect(c.range[0]).toBeLessThan(29);
		expect(c.range[1]).toBeGreaterThanOrEqual(36);
	});

	it('flags a real rise and a real fall, in the right direction', () => {
		expect(compareRate(70, 29 * 28, 28, wall).verdict).toBe('above');
		expect(compareRate(8, 29 * 28, 28, wall).verdict).toBe('below');
	});

	it('says the same as its usual range, at both ends', () => {
		for (const [baseline, windows] of [
			[29 * 28, 28],
			[3 * 28, 28],
			[12 * 4, 4],
			[40, 1],
			[0, 28],
			[1, 1]
		] as const) {
			const [lo, hi] = usualRange(baseline, windows, wall);
			expect(lo).toBeLessThanOrEqual(hi);
			for (let x = Math.max(0, lo - 3); x <= hi + 3; x++) {
				const verdict = compareRate(x, baseline, windows, wall).verdict;
				expect(verdict, `x=${x} in [${lo}, ${hi}]`).toBe(x < lo ? 'below' : x > hi ? 'above' : 'normal');
			}
		}
	});

	it('is exact on small counts: one incident on a day that had none in 28 is not alarming, two are', () => {
		expect(usualRange(0, 28, wall)).toEqual([0, 1]);
		expect(compareRate(1, 0, 28, wall).verdict).toBe('normal');
		expect(compareRate(2, 0, 28, wall).verdict).toBe('above');
	});

	it('gives the two-sided p of the conditional binomial test', () => {
		// 40 now against 20 in one window of the same length: X ~ Bin(60, 1/2), P(X ≥ 40) doubled
		const c = compareRate(40, 20, 1, 0.05);
		expect(c.p).toBeCloseTo(2 * massSum(60, 0.5, 40, 60), 12);
		expect(c.verdict).toBe('above');
	});

	it('keeps false alarms on an unchanged rate below the level', () => {
		const draw = poissonStream(20261205);
		const trials = 4000;
		let alarms = 0;
		for (let i = 0; i < trials; i++) {
			let baseline = 0;
			for (let d = 0; d < 28; d++) baseline += draw(6);
			if (compareRate(draw(6), baseline, 28, 0.05).verdict !== 'normal') alarms++;
		}
		// exact tests on discrete counts are conservative: at most the level, and not absurdly less
		expect(alarms / trials).toBeLessThanOrEqual(0.05);
		expect(alarms / trials).toBeGreaterThan(0.01);
	});

	it('refuses counts that are not counts', () => {
		expect(() => compareRate(-1, 3, 28)).toThrow(RangeError);
		expect(() => compareRate(1.5, 3, 28)).toThrow(RangeError);
		expect(() => compareRate(1, 3, 0)).toThrow(RangeError);
	});

	it('splits the level across the comparisons shown together', () => {
		expect(levelPerComparison(10)).toBeCloseTo(0.005, 15);
		expect(levelPerComparison(0)).toBe(0.05);
	});
});
