// ?at= on the overview: a past calendar day in China time; anything else is today's map.
import { describe, expect, it } from 'vitest';
import { endOfChinaDay, historyDate } from '../../src/lib/time/history-date.ts';

// 2026-12-06 01:30 in China (17:30 UTC the day before)
const now = Date.parse('2026-12-05T17:30:00Z');

describe('history date', () => {
	it('takes a past day and refuses today, the future and non-dates', () => {
		expect(historyDate('2026-12-05', now)).toBe('2026-12-05');
		expect(historyDate('2025-02-28', now)).toBe('2025-02-28');
		expect(historyDate('2026-12-06', now)).toBeNull();
		expect(historyDate('2027-01-01', now)).toBeNull();
		expect(historyDate('2025-02-30', now)).toBeNull();
		expect(historyDate('20251201', now)).toBeNull();
		expect(historyDate(null, now)).toBeNull();
	});

	it('ends the day at midnight China time', () => {
		expect(Date.parse(endOfChinaDay('2026-03-01'))).toBe(Date.parse('2026-03-01T16:00:00Z') - 1);
	});
});
