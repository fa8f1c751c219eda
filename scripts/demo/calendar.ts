// Time in China for the demo data, from the app's one China-time helper
// (src/lib/time/china-time.ts): the data is anchored to the top of the hour so that everyone
// generating in the same hour gets the same rows.
import { chinaDate, chinaHour, chinaMidnight } from '../../src/lib/time/china-time.ts';

export { chinaDate, chinaHour, chinaMidnight };

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * The top of the hour at or before the instant: the default anchor of the demo. Never ahead of the
 * clock (no generated row lies in the future) and never more than an hour behind it. (It was the
 * latest 08:00 in China: generated before 08:00, the data then ended the morning before, and the
 * last day's figures, the ticker and every "last 24 hours" were nearly empty.)
 */
export function demoAnchor(instant: Date): Date {
	return new Date(Math.floor(instant.getTime() / HOUR_MS) * HOUR_MS);
}

/** The China calendar year of an instant. */
export function chinaYear(ms: number): number {
	return Number(chinaDate(ms).slice(0, 4));
}

export function iso(ms: number): string {
	return new Date(ms).toISOString();
}
