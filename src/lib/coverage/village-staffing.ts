// 一村一警 and 一村一警务助理: a village needs an officer (police or auxiliary, active, on one of
// its grids as primary or helper) and a police assistant from the village itself.
import type { Geometry } from 'geojson';
import type { CoverageContext } from './context.ts';
import type { VillageNoAssistant, VillageNoOfficer } from './findings.ts';

export function villageStaffing(
	ctx: CoverageContext,
	villageId: number
): (VillageNoOfficer | VillageNoAssistant)[] {
	const village = ctx.villageById.get(villageId);
	if (!village) return [];
	const out: (VillageNoOfficer | VillageNoAssistant)[] = [];
	const geometry = village.geometry as Geometry;
	let staffed = false;
	for (const grid of ctx.gridsOfVillage.get(villageId) ?? []) {
		for (const a of ctx.assignmentsOfGrid.get(grid.id) ?? []) {
			const o = ctx.officerById.get(a.officerId);
			if (o?.active && o.kind !== 'assistant') staffed = true;
		}
	}
	const needsHouseholds = !staffed || !ctx.activeAssistants.get(villageId);
	const hh = needsHouseholds ? ctx.tally(ctx.householdsOfVillage(villageId)) : { count: 0, residents: 0 };
	if (!staffed)
		out.push({
			kind: 'village_no_officer',
			id: `village_no_officer:${villageId}`,
			reason: 'gap.village_no_officer',
			villageId,
			geometry,
			households: hh.count,
			population: hh.residents
		});
	if (!ctx.activeAssistants.get(villageId))
		out.push({
			kind: 'village_no_assistant',
			id: `village_no_assistant:${villageId}`,
			reason: 'gap.village_no_assistant',
			villageId,
			geometry,
			households: hh.count,
			population: hh.residents
		});
	return out;
}
