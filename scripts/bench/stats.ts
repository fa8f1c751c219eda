// Summaries of repeated timings: the median is the reported value, p95 the tail.

export function median(values: number[]): number {
	return quantile(values, 0.5);
}

/** Nearest-rank quantile, so the answer is always one of the measured values. */
export function quantile(values: number[], q: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.max(1, Math.ceil(q * sorted.length));
	return sorted[rank - 1];
}
