// The progress chart's series: visits per day and the cumulative share of households reached,
// every day of the campaign so far (days without visits included), against the target.
import type { CampaignProgress } from './campaign-types.ts';

export interface DayPoint {
	day: string;
	visits: number;
	/** share of the scope's households reached by the end of the day */
	share: number;
}

const DAY_MS = 86_400_000;

export function progressSeries(
	p: Pick<CampaignProgress, 'days' | 'totals'>,
	from: string,
	to: string
): DayPoint[] {
	const byDay = new Map(p.days.map((d) => [d.day, d]));
	const total = p.totals.households;
	const out: DayPoint[] = [];
	let reached = 0;
	// visits logged before the period (imports) count from its first day
	for (const d of p.days) if (d.day < from) reached += d.newly_visited;
	for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) {
		const day = new Date(t).toISOString().slice(0, 10);
		const d = byDay.get(day);
		reached += d?.newly_visited ?? 0;
		out.push({ day, visits: d?.visits ?? 0, share: total > 0 ? reached / total : 0 });
	}
	return out;
}

/** visited / households, 0 for an empty scope. */
export const share = (visited: number, households: number): number =>
	households > 0 ? visited / households : 0;
