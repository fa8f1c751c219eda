// 敲门行动: grids and villages of the campaign whose share of visited households is below the
// target, with the households still to visit. Shares compare in integers (per mille), so a grid
// exactly at target is never flagged by floating-point noise.
import type { Geometry } from 'geojson';
import type { CoverageContext } from './context.ts';
import type { CampaignGridShortfall, CampaignVillageShortfall } from './findings.ts';

export function targetPermille(ctx: CoverageContext): number | null {
	const share = ctx.options.targetShare ?? ctx.input.campaign?.targetShare;
	if (share === undefined || share === null || !(share > 0 && share <= 1)) return null;
	return Math.round(share * 1000);
}

export function campaignShortfall(
	ctx: CoverageContext,
	villageId: number
): (CampaignGridShortfall | CampaignVillageShortfall)[] {
	const campaign = ctx.input.campaign;
	const permille = targetPermille(ctx);
	if (!campaign || permille === null) return [];
	const out: (CampaignGridShortfall | CampaignVillageShortfall)[] = [];
	let total = 0;
	let visited = 0;
	let unvisitedResidents = 0;
	let inScope = false;
	for (const grid of ctx.gridsOfVillage.get(villageId) ?? []) {
		if (!ctx.campaignGrids.has(grid.id)) continue;
		inScope = true;
		const households = ctx.householdsOfGrid.get(grid.id) ?? [];
		const unvisited = households.filter((i) => !ctx.visited.has(ctx.household(i).id));
		const seen = households.length - unvisited.length;
		const residents = ctx.tally(unvisited).residents;
		total += households.length;
		visited += seen;
		unvisitedResidents += residents;
		if (seen * 1000 < permille * households.length)
			out.push({
				kind: 'campaign_grid_shortfall',
				id: `campaign_grid_shortfall:${campaign.id}:${grid.id}`,
				reason: 'gap.campaign_grid_below_target',
				campaignId: campaign.id,
				gridId: grid.id,
				villageId,
				total: households.length,
				visited: seen,
				target: permille / 1000,
				unvisitedHouseholdIds: unvisited.map((i) => ctx.household(i).id).sort((a, b) => a - b),
				geometry: grid.geometry as Geometry,
				households: unvisited.length,
				population: residents
			});
	}
	if (inScope && visited * 1000 < permille * total) {
		const village = ctx.villageById.get(villageId);
		out.push({
			kind: 'campaign_village_shortfall',
			id: `campaign_village_shortfall:${campaign.id}:${villageId}`,
			reason: 'gap.campaign_village_below_target',
			campaignId: campaign.id,
			villageId,
			total,
			visited,
			target: permille / 1000,
			geometry: (village?.geometry ?? null) as Geometry | null,
			households: total - visited,
			population: unvisitedResidents
		});
	}
	return out;
}
