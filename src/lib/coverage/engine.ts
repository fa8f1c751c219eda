// The coverage-gap engine: `analyse` for one answer, `CoverageCache` to keep the answer and
// update it after a change by recomputing only the village (and officers) the change touches.
import type { AssignmentInput, CoverageInput } from './input.ts';
import { CoverageContext } from './context.ts';
import type { Finding, OfficerOverloaded, ReachGap, VillageOutOfReach } from './findings.ts';
import { withDefaults, type CoverageOptions } from './options.ts';
import { campaignShortfall } from './campaign-shortfall.ts';
import { gridGaps } from './grid-gaps.ts';
import { reach } from './reach.ts';
import { unassignedGrids } from './unassigned-grids.ts';
import { villageStaffing } from './village-staffing.ts';
import { officerWorkload, primaryGridsByOfficer } from './workload.ts';

export interface CoverageSummary {
	findings: number;
	byKind: Partial<Record<Finding['kind'], number>>;
	/** area beyond reach per county id (villages without a county under "null") */
	reachGapKm2ByCounty: Record<string, number>;
}

const byId = (a: Finding, b: Finding) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class CoverageCache {
	readonly ctx: CoverageContext;
	private readonly perVillage = new Map<number, Finding[]>();
	private readonly perOfficer = new Map<number, OfficerOverloaded>();
	/** who is primary on which grids, kept in step with assignment changes */
	private readonly gridsOfOfficer: Map<number, number[]>;

	constructor(input: CoverageInput, options: Partial<CoverageOptions> = {}) {
		this.ctx = new CoverageContext(input, withDefaults(options));
		for (const id of this.ctx.villageById.keys()) this.reanalyseVillage(id);
		this.gridsOfOfficer = primaryGridsByOfficer(this.ctx);
		for (const id of this.gridsOfOfficer.keys()) this.reanalyseOfficer(id);
	}

	/** Recomputes every finding that depends on one village alone. */
	reanalyseVillage(villageId: number): Finding[] {
		const ctx = this.ctx;
		const found: Finding[] = [
			...unassignedGrids(ctx, villageId),
			...villageStaffing(ctx, villageId),
			...gridGaps(ctx, villageId),
			...reach(ctx, villageId),
			...campaignShortfall(ctx, villageId)
		];
		this.perVillage.set(villageId, found);
		return found;
	}

	private reanalyseOfficer(officerId: number): void {
		const f = officerWorkload(this.ctx, officerId, this.gridsOfOfficer.get(officerId) ?? []);
		if (f) this.perOfficer.set(officerId, f);
		else this.perOfficer.delete(officerId);
	}

	/**
	 * Replaces the active assignments of one grid (what assign/unassign leaves behind) and
	 * recomputes its village and the officers who gained or lost it. Returns the village's findings.
	 */
	setGridAssignments(gridId: number, assignments: Omit<AssignmentInput, 'gridId'>[]): Finding[] {
		const grid = this.ctx.gridById.get(gridId);
		if (!grid) throw new Error(`unknown grid ${gridId}`);
		const before = this.ctx.primaryOf(gridId)?.id ?? null;
		this.ctx.assignmentsOfGrid.set(
			gridId,
			assignments.filter((a) => this.ctx.officerById.has(a.officerId)).map((a) => ({ ...a, gridId }))
		);
		const after = this.ctx.primaryOf(gridId)?.id ?? null;
		if (before !== after) {
			if (before !== null) {
				const rest = (this.gridsOfOfficer.get(before) ?? []).filter((g) => g !== gridId);
				if (rest.length > 0) this.gridsOfOfficer.set(before, rest);
				else this.gridsOfOfficer.delete(before);
				this.reanalyseOfficer(before);
			}
			if (after !== null) {
				this.gridsOfOfficer.set(after, [...(this.gridsOfOfficer.get(after) ?? []), gridId]);
				this.reanalyseOfficer(after);
			}
		}
		return this.reanalyseVillage(grid.villageId);
	}

	findings(): Finding[] {
		const all: Finding[] = [...this.ctx.validation.findings];
		for (const list of this.perVillage.values()) all.push(...list);
		all.push(...this.perOfficer.values());
		return all.sort(byId);
	}

	summary(): CoverageSummary {
		const all = this.findings();
		const byKind: CoverageSummary['byKind'] = {};
		const reachGapKm2ByCounty: Record<string, number> = {};
		for (const f of all) {
			byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
			if (f.kind === 'reach_gap' || f.kind === 'village_out_of_reach') {
				const key = String((f as ReachGap | VillageOutOfReach).countyId);
				reachGapKm2ByCounty[key] = (reachGapKm2ByCounty[key] ?? 0) + f.areaKm2;
			}
		}
		return { findings: all.length, byKind, reachGapKm2ByCounty };
	}
}

/** Every finding for the input, sorted by id. */
export function analyse(input: CoverageInput, options: Partial<CoverageOptions> = {}): Finding[] {
	return new CoverageCache(input, options).findings();
}
