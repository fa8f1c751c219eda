// Officers whose grids (as primary officer) hold more households than one officer can serve.
import { multiPolygonOf } from '../geo/types.ts';
import type { CoverageContext } from './context.ts';
import type { OfficerOverloaded } from './findings.ts';

/** grid ids per officer, from the active primary assignments */
export function primaryGridsByOfficer(ctx: CoverageContext): Map<number, number[]> {
	const out = new Map<number, number[]>();
	for (const gridId of ctx.gridById.keys()) {
		const o = ctx.primaryOf(gridId);
		if (!o) continue;
		const list = out.get(o.id) ?? [];
		list.push(gridId);
		out.set(o.id, list);
	}
	return out;
}

export function officerWorkload(
	ctx: CoverageContext,
	officerId: number,
	gridIds: number[]
): OfficerOverloaded | null {
	const households = gridIds.flatMap((g) => ctx.householdsOfGrid.get(g) ?? []);
	const limit = ctx.options.workloadLimit;
	if (households.length <= limit) return null;
	const grids = gridIds.map((g) => ctx.gridById.get(g)).filter((g) => g !== undefined);
	const hh = ctx.tally(households);
	return {
		kind: 'officer_overloaded',
		id: `officer_overloaded:${officerId}`,
		reason: 'gap.officer_overloaded',
		officerId,
		gridIds: [...gridIds].sort((a, b) => a - b),
		limit,
		geometry: grids.length > 0 ? multiPolygonOf(grids.map((g) => g.geometry)) : null,
		households: hh.count,
		population: hh.residents
	};
}
