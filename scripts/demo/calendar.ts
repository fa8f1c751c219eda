// Time in China for the demo data, from the app's one China-time helper
// (src/lib/time/china-time.ts): the data is anchored to a China-time morning so that everyone
// generating on the same day gets the same rows.
import { chinaDate, chinaHour, chinaMidnight, fromChinaWallTime } from '../../src/lib/time/china-time.ts';

export { chinaDate, chinaHour, chinaMidnight };

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Today's 08:00 in China for the given instant (the default anchor of the demo). */
export function chinaMorning(instant: Date): Date {
	const [year, month, day] = chinaDate(instant.getTime()).split('-').map(Number);
	return new Date(fromChinaWallTime(year, month, day, 8));
}

/** The China calendar year of an instant. */
export function chinaYear(ms: number): number {
	return Number(chinaDate(ms).slice(0, 4));
}

export function iso(ms: number): string {
	return new Date(ms).toISOString();
}
