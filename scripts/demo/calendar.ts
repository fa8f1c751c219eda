// Time in China (UTC+8, no daylight saving): the data is anchored to a China-time morning so
// that everyone generating on the same day gets the same rows.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
const CHINA_OFFSET_MS = 8 * HOUR_MS;

/** Today's 08:00 in China for the given instant (the default anchor of the demo). */
export function chinaMorning(instant: Date): Date {
	const local = instant.getTime() + CHINA_OFFSET_MS;
	const midnightLocal = local - (((local % DAY_MS) + DAY_MS) % DAY_MS);
	return new Date(midnightLocal - CHINA_OFFSET_MS + 8 * HOUR_MS);
}

/** Midnight (China time) of the day containing the instant, as epoch ms. */
export function chinaMidnight(ms: number): number {
	const local = ms + CHINA_OFFSET_MS;
	return local - (((local % DAY_MS) + DAY_MS) % DAY_MS) - CHINA_OFFSET_MS;
}

/** The China calendar date of an instant, YYYY-MM-DD. */
export function chinaDate(ms: number): string {
	return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The China calendar year of an instant. */
export function chinaYear(ms: number): number {
	return new Date(ms + CHINA_OFFSET_MS).getUTCFullYear();
}

/** China hour of day (0–23) of an instant. */
export function chinaHour(ms: number): number {
	return new Date(ms + CHINA_OFFSET_MS).getUTCHours();
}

export function iso(ms: number): string {
	return new Date(ms).toISOString();
}
