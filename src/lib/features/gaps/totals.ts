// The headline figures of the planner's view, from the engine's input and its findings:
// villages with nothing uncovered, grids with a primary officer, households within reach of a
// post or station, and the campaign's visited share against its target.
import type { Finding, FindingKind } from '$lib/coverage/findings';
import type { CoverageInput } from '$lib/coverage/input';

export interface PlanTotals {
	villages: number;
	villagesCovered: number;
	grids: number;
	gridsAssigned: number;
	households: number;
	householdsInReach: number;
	campaign: {
		households: number;
		visited: number;
		/** the target the analysis used, 0..1 */
		target: number;
		grids: number;
		gridsBelowTarget: number;
	} | null;
}

/** What leaves part of a village without an officer or out of reach. */
export const COVERAGE_KINDS: ReadonlySet<FindingKind> = new Set<FindingKind>([
	'grid_unassigned',
	'village_no_officer',
	'village_outside_grids',
	'village_uncovered_grids',
	'village_out_of_reach',
	'reach_gap'
]);

export const REACH_KINDS: ReadonlySet<FindingKind> = new Set<FindingKind>([
	'village_out_of_reach',
	'reach_gap'
]);

export function planTotals(
	input: CoverageInput,
	findings: Finding[],
	targetShare: number | null
): PlanTotals {
	const uncoveredVillages = new Set<number>();
	let gridsUnassigned = 0;
	let householdsBeyond = 0;
	let gridsBelowTarget = 0;
	for (const f of findings) {
		if (f.kind === 'grid_unassigned') gridsUnassigned += 1;
		if (f.kind === 'campaign_grid_shortfall') gridsBelowTarget += 1;
		if (REACH_KINDS.has(f.kind)) householdsBeyond += f.households;
		if (COVERAGE_KINDS.has(f.kind) && 'villageId' in f) uncoveredVillages.add(f.villageId);
	}
	const villageIds = new Set(input.villages.map((v) => v.id));
	let campaign: PlanTotals['campaign'] = null;
	if (input.campaign) {
		const grids = new Set(input.campaign.gridIds);
		const visited = new Set(input.visits.filter((v) => v.outcome === 'visited').map((v) => v.householdId));
		let households = 0;
		let seen = 0;
		for (const h of input.households) {
			if (h.gridId === null || !grids.has(h.gridId)) continue;
			households += 1;
			if (visited.has(h.id)) seen += 1;
		}
		campaign = {
			households,
			visited: seen,
			target: targetShare ?? input.campaign.targetShare,
			grids: grids.size,
			gridsBelowTarget
		};
	}
	return {
		villages: villageIds.size,
		villagesCovered: [...villageIds].filter((id) => !uncoveredVillages.has(id)).length,
		grids: input.grids.length,
		gridsAssigned: input.grids.length - gridsUnassigned,
		households: input.households.length,
		householdsInReach: input.households.length - householdsBeyond,
		campaign
	};
}
