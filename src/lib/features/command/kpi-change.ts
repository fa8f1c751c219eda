// Which of the command wall's figures changed beyond chance. Only counts of events are tested
// (incidents today, disputes mediated): they are Poisson, and the exact test in stats/ fits
// them. Grids with an officer, zero-incident villages and campaign progress are states, not
// counts of chance events, so they show the earlier figure and no verdict.
//
// False alarms: the wall tests the day's total, each category and the mediated disputes at
// once, so each test runs at 5% / WALL_COMPARISONS (Bonferroni): the chance that anything on
// the wall is flagged on an ordinary day stays below 5%.
import { INCIDENT_CATEGORIES, type IncidentCategory } from '$lib/types/domain';
import { compareRate, levelPerComparison, type RateComparison } from '$lib/stats/rate-comparison';
import type { CommandKpis } from './command-room.ts';

export const WALL_COMPARISONS = 1 + INCIDENT_CATEGORIES.length + 1;
export const WALL_LEVEL = levelPerComparison(WALL_COMPARISONS);

export type Baseline = 'days' | 'weekday';

export interface WallChanges {
	today: RateComparison;
	categories: Record<IncidentCategory, RateComparison>;
	mediated: RateComparison;
}

export function wallChanges(kpis: CommandKpis, baseline: Baseline): WallChanges {
	const windows = baseline === 'weekday' ? kpis.weekday_windows : kpis.windows;
	const pick = (c: IncidentCategory) => {
		const row = kpis.today[c];
		return {
			now: row?.now ?? 0,
			base: (baseline === 'weekday' ? row?.baseline_weekday : row?.baseline) ?? 0
		};
	};
	const categories = Object.fromEntries(
		INCIDENT_CATEGORIES.map((c) => {
			const { now, base } = pick(c);
			return [c, compareRate(now, base, windows, WALL_LEVEL)];
		})
	) as Record<IncidentCategory, RateComparison>;
	const rows = Object.values(categories);
	return {
		today: compareRate(
			rows.reduce((s, r) => s + r.now, 0),
			rows.reduce((s, r) => s + r.baseline, 0),
			windows,
			WALL_LEVEL
		),
		categories,
		// the last 28 days against the 28 before: one window each
		mediated: compareRate(kpis.mediated.now, kpis.mediated.before, 1, WALL_LEVEL)
	};
}
