import { describe, expect, it } from 'vitest';
import type { CommandKpis } from '../../src/lib/features/command/command-room.ts';
import { WALL_COMPARISONS, WALL_LEVEL, wallChanges } from '../../src/lib/features/command/kpi-change.ts';

// the figures command_kpis returns at 14:00 on a day like the one in the issue: 36 incidents so
// far against a same-hours mean of ~29
function kpis(today: CommandKpis['today'], mediated = { now: 30, before: 28, closed: 40 }): CommandKpis {
	return {
		at: '2030-06-15T06:00:00Z',
		since: '2030-06-14T16:00:00Z',
		windows: 28,
		weekday_windows: 4,
		today,
		open: { now: 12 },
		mediated,
		overdue_disputes: 1,
		grids: { now: 400, before: 390, total: 449 },
		zero_villages: { now: 120, before: 118, total: 203 },
		campaign: null
	};
}

describe('wallChanges', () => {
	it('calls a usual afternoon usual, whatever the hour', () => {
		const c = wallChanges(
			kpis({
				public_order: { now: 20, baseline: 16 * 28, baseline_weekday: 16 * 4 },
				traffic: { now: 16, baseline: 13 * 28, baseline_weekday: 13 * 4 }
			}),
			'days'
		);
		expect(c.today).toMatchObject({ now: 36, baseline: 29 * 28, expected: 29, verdict: 'normal' });
		expect(c.today.range[0]).toBeLessThan(29);
		expect(c.today.range[1]).toBeGreaterThan(36);
		expect(c.categories.fraud).toMatchObject({ now: 0, baseline: 0, verdict: 'normal' });
	});

	it('flags a category beyond chance, and only that one', () => {
		const c = wallChanges(
			kpis({
				fraud: { now: 14, baseline: 2 * 28, baseline_weekday: 2 * 4 },
				traffic: { now: 13, baseline: 13 * 28, baseline_weekday: 13 * 4 }
			}),
			'days'
		);
		expect(c.categories.fraud.verdict).toBe('above');
		expect(c.categories.traffic.verdict).toBe('normal');
	});

	it('compares with the same weekday when asked, over its own windows', () => {
		// Saturdays are busy: against every day the 30 look high, against Saturdays they do not
		const today = { public_order: { now: 30, baseline: 10 * 28, baseline_weekday: 28 * 4 } };
		expect(wallChanges(kpis(today), 'days').today.verdict).toBe('above');
		const weekday = wallChanges(kpis(today), 'weekday').today;
		expect(weekday).toMatchObject({ windows: 4, expected: 28, verdict: 'normal' });
	});

	it('tests mediated disputes as one 28-day window against the one before', () => {
		const c = wallChanges(kpis({}, { now: 60, before: 20, closed: 70 }), 'days');
		expect(c.mediated).toMatchObject({ windows: 1, verdict: 'above' });
	});

	it('runs every test at the wall level, corrected for all its comparisons', () => {
		expect(WALL_COMPARISONS).toBe(10);
		const c = wallChanges(kpis({}), 'days');
		for (const r of [c.today, c.mediated, ...Object.values(c.categories)]) expect(r.alpha).toBe(WALL_LEVEL);
	});
});
