// Time in China for the demo data, from the app's one China-time helper
// (src/lib/time/china-time.ts): the data is anchored to a China-time morning so that everyone
// generating on the same day gets the same rows.
import { chinaDate, chinaHour, chinaMidnight, fromChinaWallTime } from '../../src/lib/time/china-time.ts';

export { chinaDate, chinaHour, chinaMidnight };

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * The latest 08:00 in China at or before the instant (the default anchor of the demo): today's
 * from 08:00 on, yesterday's before it, so no generated row lies in the future (generated between
 * midnight and 08:00, today's morning put incidents hours ahead of the clock).
 */
export function chinaMorning(instant: Date): Date {
	const [year, month, day] = chinaDate(instant.getTime()).split('-').map(Number);
	const morning = fromChinaWallTime(year, month, day, 8);
	return new Date(morning <= instant.getTime() ? morning : morning - DAY_MS);
}

/** The China calendar year of an instant. */
export function chinaYear(ms: number): number {
	return Number(chinaDate(ms).slice(0, 4));
}

export function iso(ms: number): string {
	return new Date(ms).toISOString();
}
