// Grid assignments (一格一警): a primary police officer of the grid's own station on most grids,
// auxiliary helpers on many, some history, and deliberate gaps and overloads for the planner.
import type { AssignmentRow, OfficerRow } from '../../src/lib/types/domain.ts';
import { DAY_MS, iso } from './calendar.ts';
import type { Places } from './places.ts';
import type { Policing } from './policing.ts';
import type { Rng } from './random.ts';

const UNASSIGNED_SHARE = 0.08;
const HELPER_SHARE = 0.6;
const HISTORY_SHARE = 0.15;
/** officers who carry about three times the usual load (the workload finding) */
const OVERLOADED_SHARE = 0.04;

interface Staff {
	police: OfficerRow[];
	retiredPolice: OfficerRow[];
	auxiliaries: OfficerRow[];
}

export function buildAssignments(
	places: Places,
	policing: Policing,
	nowMs: number,
	rng: Rng
): AssignmentRow[] {
	const staff = new Map<number, Staff>();
	for (const s of policing.stations) staff.set(s.row.id, { police: [], retiredPolice: [], auxiliaries: [] });
	for (const o of policing.officers) {
		const st = staff.get(o.station_id) as Staff;
		if (o.kind === 'police') (o.status === 'active' ? st.police : st.retiredPolice).push(o);
		else if (o.kind === 'auxiliary' && o.status === 'active') st.auxiliaries.push(o);
	}
	const daysAgo = (d: number) => iso(nowMs - d * DAY_MS);
	const rows: AssignmentRow[] = [];
	const push = (
		grid_id: number,
		officer_id: number,
		role: AssignmentRow['role'],
		from: string,
		to: string | null
	) => rows.push({ id: rows.length + 1, grid_id, officer_id, role, valid_from: from, valid_to: to });

	for (const county of places.counties) {
		const grids = county.townships.flatMap((t) => t.villages.flatMap((v) => v.grids));
		const unassigned = new Set(rng.sample(grids, Math.round(grids.length * UNASSIGNED_SHARE)));
		const withHistory = new Set(rng.sample(grids, Math.round(grids.length * HISTORY_SHARE)));
		const withHelper = new Set(rng.sample(grids, Math.round(grids.length * HELPER_SHARE)));
		const primary = new Map<number, OfficerRow>();

		for (const station of policing.stations.filter((s) => s.county === county)) {
			const st = staff.get(station.row.id) as Staff;
			if (st.police.length === 0) continue;
			// longest-processing-time balancing of households, with a few heavy-load officers
			const weight = new Map(st.police.map((o) => [o.id, 1]));
			for (const o of rng.sample(st.police, Math.round(st.police.length * OVERLOADED_SHARE)))
				weight.set(o.id, 3);
			const load = new Map(st.police.map((o) => [o.id, 0]));
			const own = station.villages
				.flatMap((v) => v.grids)
				.filter((g) => !unassigned.has(g))
				.sort((a, b) => b.households - a.households || a.row.id - b.row.id);
			for (const g of own) {
				let best = st.police[0];
				let bestScore = Infinity;
				for (const o of st.police) {
					const score = ((load.get(o.id) as number) + g.households) / (weight.get(o.id) as number);
					if (score < bestScore) {
						bestScore = score;
						best = o;
					}
				}
				load.set(best.id, (load.get(best.id) as number) + g.households);
				primary.set(g.row.id, best);
			}
		}

		const helperCount = new Map<number, number>();
		for (const g of grids) {
			const stationId = g.village.row.station_id;
			const st = staff.get(stationId) as Staff;
			const current = primary.get(g.row.id);
			let currentFrom = rng.int(60, 1000);
			if (withHistory.has(g)) {
				// an earlier officer who moved on or retired, ended before the current one began
				const others = [...st.police.filter((o) => o !== current), ...st.retiredPolice];
				if (others.length > 0) {
					const before =
						rng.chance(0.4) && st.retiredPolice.length > 0 ? rng.pick(st.retiredPolice) : rng.pick(others);
					currentFrom = rng.int(30, 330);
					const endedAgo = current ? currentFrom + rng.int(1, 30) : rng.int(10, 200);
					const startedAgo = Math.max(endedAgo + rng.int(60, 400), rng.int(365, 1095));
					push(g.row.id, before.id, 'primary', daysAgo(startedAgo), daysAgo(endedAgo));
				}
			}
			if (current) push(g.row.id, current.id, 'primary', daysAgo(currentFrom), null);
			if (withHelper.has(g) && st.auxiliaries.length > 0) {
				// the auxiliary of the station with the fewest grids so far
				let aux = st.auxiliaries[0];
				for (const a of st.auxiliaries) {
					if ((helperCount.get(a.id) ?? 0) < (helperCount.get(aux.id) ?? 0)) aux = a;
				}
				helperCount.set(aux.id, (helperCount.get(aux.id) ?? 0) + 1);
				push(g.row.id, aux.id, 'helper', daysAgo(rng.int(14, 700)), null);
			}
		}
	}
	return rows;
}
