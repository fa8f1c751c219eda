// Is a count of events different from what the same windows usually hold, beyond chance?
// Counts of incidents are Poisson. Conditional on the total, the count in the current window
// is Binomial(total, 1 / (1 + windows)) when the rate did not change (the exact conditional
// test for two Poisson rates), which stays exact for the small counts of a village or a
// morning. The usual range is the set of counts the test would not flag, so the words on a
// tile ("高于常态") and the range beside it ("常态 25–34") can never disagree.
import { binomialAtLeast, binomialAtMost } from './binomial.ts';

export type RateVerdict = 'above' | 'below' | 'normal';

export interface RateComparison {
	/** events in the current window */
	now: number;
	/** events in all the comparison windows together */
	baseline: number;
	/** how many windows of the same length the baseline spans */
	windows: number;
	/** the baseline's mean per window */
	expected: number;
	/** counts of the current window that are within chance at this level, inclusive */
	range: [number, number];
	/** two-sided exact p-value */
	p: number;
	/** the two-sided level the verdict was taken at */
	alpha: number;
	verdict: RateVerdict;
}

/**
 * The per-comparison level when `comparisons` are shown together (Bonferroni): the chance of
 * at least one false alarm on the whole wall stays below `familyLevel`.
 */
export function levelPerComparison(comparisons: number, familyLevel = 0.05): number {
	return familyLevel / Math.max(1, comparisons);
}

const lowerTail = (x: number, baseline: number, p0: number) => binomialAtMost(x, x + baseline, p0);
const upperTail = (x: number, baseline: number, p0: number) => binomialAtLeast(x, x + baseline, p0);

export function compareRate(now: number, baseline: number, windows: number, alpha = 0.05): RateComparison {
	if (!(windows > 0) || now < 0 || baseline < 0 || !Number.isInteger(now) || !Number.isInteger(baseline))
		throw new RangeError(
			`compareRate: counts must be whole and ≥ 0, windows > 0 (${now}, ${baseline}, ${windows})`
		);
	const p0 = 1 / (1 + windows);
	const half = alpha / 2;
	const lower = lowerTail(now, baseline, p0);
	const upper = upperTail(now, baseline, p0);
	const expected = baseline / windows;
	return {
		now,
		baseline,
		windows,
		expected,
		range: usualRange(baseline, windows, alpha),
		p: Math.min(1, 2 * Math.min(lower, upper)),
		alpha,
		verdict: upper < half ? 'above' : lower < half ? 'below' : 'normal'
	};
}

/**
 * The counts x that the test would not flag: the lower tail P(X ≤ x) grows with x and the
 * upper tail P(X ≥ x) shrinks (each step adds one trial and one success at most), so both
 * ends are found by bisection.
 */
export function usualRange(baseline: number, windows: number, alpha = 0.05): [number, number] {
	const p0 = 1 / (1 + windows);
	const half = alpha / 2;
	const expected = baseline / windows;
	// smallest x whose lower tail is not below the level
	let a = 0;
	let b = Math.ceil(expected);
	while (a < b) {
		const m = (a + b) >> 1;
		if (lowerTail(m, baseline, p0) >= half) b = m;
		else a = m + 1;
	}
	const lo = a;
	// largest x whose upper tail is not below the level
	let top = Math.max(1, Math.ceil(expected) * 2);
	while (upperTail(top, baseline, p0) >= half) top *= 2;
	a = Math.floor(expected);
	b = top;
	while (a < b) {
		const m = (a + b + 1) >> 1;
		if (upperTail(m, baseline, p0) >= half) a = m;
		else b = m - 1;
	}
	return [lo, Math.max(lo, a)];
}
