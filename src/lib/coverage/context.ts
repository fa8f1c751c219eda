// The input, indexed once: grids and households by village, assignments by grid, reach points
// in a kd-tree, villages in an R-tree. Every analysis reads from here and works one village
// (or one officer) at a time, which is also what makes the incremental update cheap.
import type { Polygon } from 'geojson';
import { areaKm2 } from '../geo/area.ts';
import { bboxOf } from '../geo/bbox.ts';
import { BoxIndex } from '../geo/box-index.ts';
import { geodesicCircle } from '../geo/circle.ts';
import { pointInAreal } from '../geo/point-in-polygon.ts';
import { PointIndex } from '../geo/point-index.ts';
import type { BBox } from '../geo/types.ts';
import type {
	AssignmentInput,
	CoverageInput,
	GridInput,
	HouseholdInput,
	OfficerInput,
	VillageInput
} from './input.ts';
import { validateInput, type Validation } from './invalid-input.ts';
import type { CoverageOptions } from './options.ts';

export interface HouseholdSet {
	count: number;
	residents: number;
}

export class CoverageContext {
	readonly villageById = new Map<number, VillageInput>();
	readonly villageBox = new Map<number, BBox>();
	readonly gridById = new Map<number, GridInput>();
	readonly gridsOfVillage = new Map<number, GridInput[]>();
	readonly officerById = new Map<number, OfficerInput>();
	/** active assignments per grid, replaced by the incremental API */
	readonly assignmentsOfGrid = new Map<number, AssignmentInput[]>();
	/** indexes into input.households, per grid */
	readonly householdsOfGrid = new Map<number, number[]>();
	/** households in no (known) grid, per village their point lies in */
	readonly looseHouseholdsOfVillage = new Map<number, number[]>();
	readonly activeAssistants = new Map<number, number>();
	readonly reach: PointIndex;
	readonly reachRadiusM: number;
	readonly visited = new Set<number>();
	readonly campaignGrids = new Set<number>();
	readonly validation: Validation;
	private readonly circles = new Map<number, Polygon>();
	private readonly areas = new Map<number, number>();

	constructor(
		readonly input: CoverageInput,
		readonly options: CoverageOptions
	) {
		this.validation = validateInput(input);
		const v = this.validation;
		for (const village of input.villages) {
			if (this.villageById.has(village.id)) continue;
			this.villageById.set(village.id, village);
			this.gridsOfVillage.set(village.id, []);
			if (!v.badVillages.has(village.id)) this.villageBox.set(village.id, bboxOf(village.geometry));
		}
		for (const grid of input.grids) {
			if (this.gridById.has(grid.id)) continue;
			this.gridById.set(grid.id, grid);
			this.gridsOfVillage.get(grid.villageId)?.push(grid);
			this.householdsOfGrid.set(grid.id, []);
			this.assignmentsOfGrid.set(grid.id, []);
		}
		for (const o of input.officers) {
			if (this.officerById.has(o.id)) continue;
			this.officerById.set(o.id, o);
			if (o.kind === 'assistant' && o.active && o.villageId !== null)
				this.activeAssistants.set(o.villageId, (this.activeAssistants.get(o.villageId) ?? 0) + 1);
		}
		input.assignments.forEach((a, i) => {
			if (!v.badAssignments.has(i)) this.assignmentsOfGrid.get(a.gridId)?.push(a);
		});

		// households: by grid, or located by point when they have none
		const usable = [...this.villageBox.keys()];
		const villageIndex = new BoxIndex(usable.map((id) => this.villageBox.get(id) as BBox));
		input.households.forEach((h, i) => {
			if (v.badHouseholds.has(i)) return;
			const own = h.gridId === null ? undefined : this.householdsOfGrid.get(h.gridId);
			if (own) {
				own.push(i);
				return;
			}
			for (const k of villageIndex.search([h.point[0], h.point[1], h.point[0], h.point[1]])) {
				const village = this.villageById.get(usable[k]) as VillageInput;
				if (pointInAreal(h.point, village.geometry)) {
					const list = this.looseHouseholdsOfVillage.get(village.id) ?? [];
					list.push(i);
					this.looseHouseholdsOfVillage.set(village.id, list);
					break;
				}
			}
		});

		const points = input.reachPoints.filter(
			(p, i) => !v.badReachPoints.has(i) && (options.reachFromStations || p.kind !== 'station')
		);
		this.reach = new PointIndex(points.map((p) => p.point));
		this.reachRadiusM = options.reachKm * 1000;

		if (input.campaign) {
			const gridIds = new Set(input.campaign.gridIds);
			for (const id of gridIds) if (this.gridById.has(id)) this.campaignGrids.add(id);
			for (const visit of input.visits) if (visit.outcome === 'visited') this.visited.add(visit.householdId);
		}
	}

	household(i: number): HouseholdInput {
		return this.input.households[i];
	}

	/** the households of a village: those of its grids, and those in no grid that lie in it */
	householdsOfVillage(villageId: number): number[] {
		const out: number[] = [];
		for (const g of this.gridsOfVillage.get(villageId) ?? [])
			out.push(...(this.householdsOfGrid.get(g.id) ?? []));
		out.push(...(this.looseHouseholdsOfVillage.get(villageId) ?? []));
		return out;
	}

	tally(indexes: number[]): HouseholdSet {
		let residents = 0;
		for (const i of indexes) residents += this.input.households[i].residents;
		return { count: indexes.length, residents };
	}

	primaryOf(gridId: number): OfficerInput | null {
		for (const a of this.assignmentsOfGrid.get(gridId) ?? []) {
			const o = this.officerById.get(a.officerId);
			if (a.role === 'primary' && o?.active) return o;
		}
		return null;
	}

	gridAreaKm2(grid: GridInput): number {
		if (this.validation.badGrids.has(grid.id)) return 0;
		let a = this.areas.get(grid.id);
		if (a === undefined) {
			a = areaKm2(grid.geometry);
			this.areas.set(grid.id, a);
		}
		return a;
	}

	/** the reach buffer of a reach point (by its index in the point index), built once */
	circle(index: number): Polygon {
		let c = this.circles.get(index);
		if (!c) {
			c = geodesicCircle(this.reach.points[index], this.reachRadiusM);
			this.circles.set(index, c);
		}
		return c;
	}

	validVillage(id: number): boolean {
		return this.villageBox.has(id);
	}

	validGridsOf(villageId: number): GridInput[] {
		return (this.gridsOfVillage.get(villageId) ?? []).filter((g) => !this.validation.badGrids.has(g.id));
	}
}
