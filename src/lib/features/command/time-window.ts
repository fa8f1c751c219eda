// The command room's period: the last 24 hours, 7 or 30 days, or a day played back from its
// midnight up to a moving cursor. Epoch seconds throughout, like the incidents.
import { chinaMidnight as chinaMidnightMs } from '../../time/china-time.ts';

export const PERIODS = ['24h', '7d', '30d'] as const;
export type Period = (typeof PERIODS)[number];

const PERIOD_SECONDS: Record<Period, number> = { '24h': 86_400, '7d': 7 * 86_400, '30d': 30 * 86_400 };

export type TimeMode = { kind: 'period'; period: Period } | { kind: 'playback'; day: number; cursor: number };

export interface TimeWindow {
	from: number;
	to: number;
}

export function timeWindow(mode: TimeMode, now: number): TimeWindow {
	if (mode.kind === 'period') return { from: now - PERIOD_SECONDS[mode.period], to: now + 60 };
	return { from: mode.day, to: mode.day + Math.min(86_400, Math.max(0, mode.cursor)) };
}

/** Midnight in China of the day `daysAgo` before `now` (epoch seconds, as the wall keeps time). */
export function chinaMidnight(now: number, daysAgo = 0): number {
	return chinaMidnightMs(now * 1000) / 1000 - daysAgo * 86_400;
}
