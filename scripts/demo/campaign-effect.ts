// The door-knock campaign's effect on fraud, known by construction, so the impact analysis
// (走访后发案变化) has a true answer to find in the demo: in every grid the campaign reached,
// fraud from the China day of the grid's first visit on is kept with probability 1 + effect
// (-0.3: 30% fewer). The drafts are thinned after all of them are drawn, from a stream of their
// own, so every other row is the same as with no effect (effect 0) but for renumbered incidents.
import type { CampaignVisitRow, HouseholdRow } from '../../src/lib/types/domain.ts';
import { chinaMidnight } from './calendar.ts';
import type { IncidentDraft } from './incidents.ts';
import type { Rng } from './random.ts';

/**
 * Grid id → China midnight of the day of its first visit (any outcome), as the database's
 * campaign_visit_days dates it: a grid's visits are its households' visits.
 */
export function firstVisitDays(visits: readonly CampaignVisitRow[], households: readonly HouseholdRow[]) {
	const gridOf = new Map(households.map((h) => [h.id, h.grid_id]));
	const first = new Map<number, number>();
	for (const v of visits) {
		const grid = gridOf.get(v.household_id);
		if (grid === undefined) continue;
		const at = Date.parse(v.visited_at);
		if (at < (first.get(grid) ?? Infinity)) first.set(grid, at);
	}
	return new Map([...first].map(([grid, at]) => [grid, chinaMidnight(at)]));
}

/** Splits the drafts into those kept and the fraud the campaign prevented, each in draft order. */
export function thinFraud(
	drafts: readonly IncidentDraft[],
	starts: ReadonlyMap<number, number>,
	effect: number,
	rng: Rng
): { kept: IncidentDraft[]; prevented: IncidentDraft[] } {
	// thinning can only take away: an increase would need incidents drawn from nothing
	if (!(effect >= -1 && effect <= 0)) throw new RangeError(`campaign effect ${effect} is not within -1..0`);
	const kept: IncidentDraft[] = [];
	const prevented: IncidentDraft[] = [];
	for (const d of drafts) {
		const start = starts.get(d.grid);
		// one draw per eligible draft, in draw order, whatever the effect: same stream, same answers
		const reached = d.row.category === 'fraud' && start !== undefined && d.at >= start;
		if (reached && !rng.chance(1 + effect)) prevented.push(d);
		else kept.push(d);
	}
	return { kept, prevented };
}
