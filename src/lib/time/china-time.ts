// China time (Asia/Shanghai) for instants: calendar days, hours and midnights as people in the
// field read them, whatever zone the browser or server runs in. The offset comes from Intl's
// time-zone data rather than a hard-coded +8 hours, so the rule lives in one place.

export const CHINA_TIME_ZONE = 'Asia/Shanghai';

const DAY_MS = 86_400_000;

// One formatter, reused: building an Intl.DateTimeFormat is the slow part.
const parts = new Intl.DateTimeFormat('en-US', {
	timeZone: CHINA_TIME_ZONE,
	hourCycle: 'h23',
	year: 'numeric',
	month: 'numeric',
	day: 'numeric',
	hour: 'numeric',
	minute: 'numeric',
	second: 'numeric'
});

interface WallTime {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

/** The wall-clock reading in China at an instant (epoch ms). */
export function chinaWallTime(ms: number): WallTime {
	const out: Record<string, number> = {};
	for (const p of parts.formatToParts(new Date(ms))) if (p.type !== 'literal') out[p.type] = Number(p.value);
	return {
		year: out.year,
		month: out.month,
		day: out.day,
		hour: out.hour,
		minute: out.minute,
		second: out.second
	};
}

const HOUR_MS = 3_600_000;

// China's clocks last changed in 1991, and then on a whole hour: the offset found for the start
// of an hour holds for all of it. Remembering it per hour keeps bulk work (the demo generator
// reads millions of instants) to one Intl lookup per hour instead of one per instant.
const offsets = new Map<number, number>();

/** How far China's clocks are ahead of UTC at an instant, in ms. */
function offsetAt(ms: number): number {
	const hour = Math.floor(ms / HOUR_MS);
	let offset = offsets.get(hour);
	if (offset === undefined) {
		const w = chinaWallTime(hour * HOUR_MS);
		offset = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - hour * HOUR_MS;
		if (offsets.size >= 100_000) offsets.clear();
		offsets.set(hour, offset);
	}
	return offset;
}

/** The instant whose China wall-clock reading, written as if it were UTC, is `wallAsUtc`. */
function fromWallAsUtc(wallAsUtc: number): number {
	return wallAsUtc - offsetAt(wallAsUtc - offsetAt(wallAsUtc));
}

/** The China calendar date of an instant, `YYYY-MM-DD`. */
export function chinaDate(ms: number): string {
	return new Date(ms + offsetAt(ms)).toISOString().slice(0, 10);
}

/** The China calendar date `days` days after the instant's (negative: before). */
export function chinaDateIn(days: number, ms = Date.now()): string {
	return chinaDate(ms + days * DAY_MS);
}

/** The hour (0–23) on China's clocks at an instant. */
export function chinaHour(ms: number): number {
	return new Date(ms + offsetAt(ms)).getUTCHours();
}

/** The instant (epoch ms) a China wall-clock reading names; month is 1–12. */
export function fromChinaWallTime(
	year: number,
	month: number,
	day: number,
	hour = 0,
	minute = 0,
	second = 0
): number {
	return fromWallAsUtc(Date.UTC(year, month - 1, day, hour, minute, second));
}

/** Midnight in China of the day containing the instant, as epoch ms. */
export function chinaMidnight(ms: number): number {
	const wall = ms + offsetAt(ms);
	return fromWallAsUtc(wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS));
}
