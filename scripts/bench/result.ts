// One benchmark figure in the JSON contract of `npm run bench` (DEVELOPERS.md).
import type { DemoScale } from '../../src/lib/types/domain.ts';
import { median, quantile } from './stats.ts';

export interface BenchResult {
	name: string;
	scale: DemoScale;
	value: number;
	unit: 'ms' | 'bytes' | 'percent' | 'events/s' | 'ratio' | 'fps';
	p95?: number;
	runs?: number;
	peer?: { name: string; value: number };
	note?: string;
}

export function timing(
	name: string,
	scale: DemoScale,
	samples: number[],
	extra: Partial<BenchResult> = {}
): BenchResult {
	return {
		name,
		scale,
		value: Math.round(median(samples)),
		unit: 'ms',
		p95: Math.round(quantile(samples, 0.95)),
		runs: samples.length,
		...extra
	};
}
