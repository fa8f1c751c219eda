// A past day to show the grid plan of (the overview's ?at=2026-03-01): a calendar day in China
// time, not after today. The grids shown are those in force at the end of that day.
import { chinaDate } from './china-time.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The day, or null when absent, malformed, not a real date, or not before today. */
export function historyDate(value: string | null, now = Date.now()): string | null {
	if (!value || !DAY.test(value)) return null;
	const t = Date.parse(`${value}T00:00:00+08:00`);
	if (!Number.isFinite(t) || chinaDate(t) !== value) return null;
	return value < chinaDate(now) ? value : null;
}

/** The end of that day in China time, as the database takes it. */
export function endOfChinaDay(day: string): string {
	return `${day}T23:59:59.999+08:00`;
}
