// China time from Intl's zone data: days, hours and midnights as read in China, whichever zone
// the process runs in.
import { describe, expect, it } from 'vitest';
import {
	chinaDate,
	chinaDateIn,
	chinaHour,
	chinaMidnight,
	fromChinaWallTime
} from '../../src/lib/time/china-time.ts';

// 17:30 UTC on 20 November is 01:30 on 21 November in China
const LATE_UTC = Date.UTC(2026, 10, 20, 17, 30);

describe('china time', () => {
	it('reads the calendar day and hour on China’s clocks', () => {
		expect(chinaDate(LATE_UTC)).toBe('2026-11-21');
		expect(chinaHour(LATE_UTC)).toBe(1);
		expect(chinaDate(Date.UTC(2026, 11, 31, 15, 59))).toBe('2026-12-31');
		expect(chinaDate(Date.UTC(2026, 11, 31, 16, 0))).toBe('2027-01-01');
	});

	it('counts days from the China day, not the UTC one', () => {
		expect(chinaDateIn(7, LATE_UTC)).toBe('2026-11-28');
		expect(chinaDateIn(-1, LATE_UTC)).toBe('2026-11-20');
	});

	it('turns a China wall time into its instant and finds midnight', () => {
		expect(new Date(fromChinaWallTime(2026, 11, 20, 9, 30)).toISOString()).toBe('2026-11-20T01:30:00.000Z');
		expect(new Date(chinaMidnight(LATE_UTC)).toISOString()).toBe('2026-11-20T16:00:00.000Z');
		expect(chinaMidnight(chinaMidnight(LATE_UTC))).toBe(chinaMidnight(LATE_UTC));
	});
});
