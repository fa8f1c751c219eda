// What an impact row says: a change only when its interval excludes 1, no ratio below the
// minimum count, and 诈骗 before all incidents before the rest.
import { describe, expect, it } from 'vitest';
import { campaignRows, findingOf, type ImpactRow } from '../../src/lib/features/campaigns/campaign-impact.ts';

const row = (over: Partial<ImpactRow>): ImpactRow => ({
	level: 'campaign',
	id: 1,
	category: 'fraud',
	grids: 100,
	before: 120,
	after: 90,
	comparison_before: 600,
	comparison_after: 610,
	rr: 0.74,
	lo: 0.56,
	hi: 0.97,
	...over
});

describe('findingOf', () => {
	it('says fewer, with the interval as percentages, when the interval lies below 1', () => {
		expect(findingOf(row({}))).toEqual({ kind: 'fewer', change: 26, from: 3, to: 44 });
	});
	it('says more when it lies above 1', () => {
		expect(findingOf(row({ rr: 1.5, lo: 1.1, hi: 2.05 }))).toEqual({
			kind: 'more',
			change: 50,
			from: 10,
			to: 105
		});
	});
	it('says no clear change when the interval holds 1', () => {
		expect(findingOf(row({ rr: 0.9, lo: 0.7, hi: 1.16 }))).toEqual({
			kind: 'unclear',
			rr: 0.9,
			lo: 0.7,
			hi: 1.16
		});
	});
	it('says too few cases when there is no ratio', () => {
		expect(findingOf(row({ rr: null, lo: null, hi: null, before: 4, after: 2 }))).toEqual({
			kind: 'too_few',
			before: 4,
			after: 2
		});
	});
});

describe('campaignRows', () => {
	it('puts 诈骗 first, all incidents next, then the rest by cases before', () => {
		const rows = campaignRows({
			campaign_id: 1,
			weeks: 8,
			min_count: 10,
			rows: [
				row({ category: 'traffic', before: 50 }),
				row({ category: 'all', before: 500 }),
				row({ category: 'dispute', before: 80 }),
				row({ category: 'fraud', before: 20 }),
				row({ level: 'station', category: 'fraud' })
			]
		});
		expect(rows.map((r) => r.category)).toEqual(['fraud', 'all', 'dispute', 'traffic']);
	});
});
