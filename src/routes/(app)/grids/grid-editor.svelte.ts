// The grid editor's state (网格调整): the village being edited, the selected grid, the draft
// (a list of edits with undo and redo), the database's preview of it and the commit. Every
// change to the draft is previewed by the database; an edit it refuses is taken back at once
// with the database's reason, so the draft only ever holds edits that apply.
import { commitGridEdits, previewGridEdits } from '$lib/api/grid-draft-api';
import { getHouseholdsIn } from '$lib/api/map-api';
import { balancedZones } from '$lib/geo/balanced-zones';
import { pointInAreal } from '$lib/geo/point-in-polygon';
import { geometryBounds } from '$lib/map/feature-bounds';
import { errorMessage } from '$lib/i18n/error-message';
import type { Fetch } from '$lib/api/request';
import type { GridDraftFigure, GridDraftPreview, GridEdit, GridRef } from '$lib/types/grid-drafts';
import type { GridCollection, GridProps, VillageCollection, VillageProps } from '$lib/types/layers';
import type { Feature, MultiPolygon } from 'geojson';

/** What a click on the map does now. */
export type EditorTool = 'select' | 'split' | 'draw' | 'transfer' | 'merge' | 'delete';

/** A grid as the editor shows it: from the layer (no draft) or from the draft's preview. */
export interface EditorGrid {
	id: number;
	/** how the draft names it: its id, or the `as` name of a grid the draft created */
	ref: GridRef;
	code: string;
	name: string;
	households: number;
	officer: string | null;
	officerId: number | null;
	geometry: MultiPolygon;
}

/** A merge waiting for its answer: which officer stays. */
export interface PendingMerge {
	grid: EditorGrid;
	absorb: EditorGrid;
}

/** A row of the before/after table. */
export interface DraftRow {
	id: number;
	ref: GridRef;
	name: string;
	before: GridDraftFigure | null;
	after: GridDraftFigure | null;
}

export class GridEditor {
	villages = $state.raw<VillageCollection | null>(null);
	grids = $state.raw<GridCollection | null>(null);
	villageId = $state<number | null>(null);
	selected = $state<GridRef | null>(null);
	tool = $state<EditorTool>('select');
	edits = $state.raw<GridEdit[]>([]);
	redoable = $state.raw<GridEdit[]>([]);
	preview = $state.raw<GridDraftPreview | null>(null);
	/** the version of every grid of the village when the draft began: the commit names them */
	versions = $state.raw<Record<string, number>>({});
	pendingMerge = $state.raw<PendingMerge | null>(null);
	busy = $state(false);
	failure = $state<string | null>(null);
	/** the last commit: how many edits, how many households changed grid */
	committedCounts = $state.raw<{ edits: number; moved: number } | null>(null);
	/** the last commit's figures, before → after, until the next edit */
	committed = $state.raw<DraftRow[]>([]);
	#created = 0;

	constructor(
		private readonly fetcher: Fetch,
		readonly canCommit: boolean,
		private readonly reloadGrids: () => Promise<GridCollection>
	) {}

	get village(): Feature<MultiPolygon, VillageProps> | null {
		return this.villages?.features.find((f) => f.properties.id === this.villageId) ?? null;
	}

	/** The grids of the village as the draft leaves them (or as they are, with no draft). */
	get shown(): EditorGrid[] {
		if (this.villageId === null) return [];
		if (this.preview) {
			const names = refNames(this.preview.refs ?? {});
			return this.preview.after.map((f) => ({
				id: f.id,
				ref: names[f.id] ?? f.id,
				code: f.code,
				name: f.name,
				households: f.households,
				officer: f.officer?.name ?? null,
				officerId: f.officer?.id ?? null,
				geometry: f.geometry
			}));
		}
		return (this.grids?.features ?? [])
			.filter((f) => f.properties.village_id === this.villageId)
			.map((f) => gridOf(f.properties, f.geometry));
	}

	get selectedGrid(): EditorGrid | null {
		return this.shown.find((g) => g.ref === this.selected) ?? null;
	}

	/** Before and after, per grid: kept grids, new grids (no before) and removed ones (no after). */
	get rows(): DraftRow[] {
		const p = this.preview;
		return p ? rowsOf(p.before, p.after, p.refs ?? {}) : [];
	}

	/**
	 * A balanced re-gridding of the village into n grids (households within ±10% of each other),
	 * added to the draft as one edit: it can be changed further, or undone, before the commit.
	 */
	async balance(n: number): Promise<boolean> {
		const v = this.village;
		if (!v || this.busy) return false;
		this.busy = true;
		let zones;
		try {
			const box = geometryBounds(v.geometry);
			const households = await getHouseholdsIn(this.fetcher, box);
			const inside = households.position.filter((p) => pointInAreal(p, v.geometry));
			zones = balancedZones(v.geometry, inside, n).zones;
		} catch (e) {
			this.failure = errorMessage(e);
			return false;
		} finally {
			this.busy = false;
		}
		return this.add({ op: 'replace', village: v.properties.id, grids: zones, as: this.newRef() });
	}

	chooseVillage(id: number | null): boolean {
		if (id === this.villageId) return true;
		if (this.edits.length > 0) return false;
		this.villageId = id;
		this.selected = null;
		this.tool = 'select';
		this.failure = null;
		return true;
	}

	/** A click on a grid of the village: select it, or finish a merge or delete begun. */
	pick(ref: GridRef): void {
		const target = this.shown.find((g) => g.ref === ref);
		const current = this.selectedGrid;
		if (!target) return;
		if ((this.tool === 'merge' || this.tool === 'delete') && current && target.ref !== current.ref) {
			// merge: the clicked neighbour joins the selected grid; delete: the selected grid's
			// area goes to the clicked neighbour
			const [grid, absorb] = this.tool === 'merge' ? [current, target] : [target, current];
			this.tool = 'select';
			if (grid.officerId !== null && absorb.officerId !== null && grid.officerId !== absorb.officerId) {
				this.pendingMerge = { grid, absorb };
				return;
			}
			const officer = grid.officerId === null && absorb.officerId !== null ? 'absorb' : 'grid';
			void this.add({ op: 'merge', grid: grid.ref, absorb: absorb.ref, officer });
			return;
		}
		this.selected = ref;
	}

	/** The answer to "which officer stays" for the merge waiting on it. */
	resolveMerge(officer: 'grid' | 'absorb' | null): void {
		const m = this.pendingMerge;
		this.pendingMerge = null;
		if (m && officer) void this.add({ op: 'merge', grid: m.grid.ref, absorb: m.absorb.ref, officer });
	}

	newRef(): string {
		this.#created += 1;
		return `n${this.#created}`;
	}

	/** Adds an edit to the draft; taken back with the database's reason when it refuses it. */
	async add(edit: GridEdit): Promise<boolean> {
		const ok = await this.#apply([...this.edits, edit]);
		if (ok) this.redoable = [];
		return ok;
	}

	async undo(): Promise<void> {
		const last = this.edits.at(-1);
		if (!last || this.busy) return;
		if (await this.#apply(this.edits.slice(0, -1))) this.redoable = [last, ...this.redoable];
	}

	async redo(): Promise<void> {
		const [next, ...rest] = this.redoable;
		if (!next || this.busy) return;
		if (await this.#apply([...this.edits, next])) this.redoable = rest;
	}

	discard(): void {
		this.edits = [];
		this.redoable = [];
		this.preview = null;
		this.versions = {};
		this.selected = null;
		this.failure = null;
	}

	async commit(): Promise<void> {
		if (!this.canCommit || this.edits.length === 0 || this.busy) return;
		this.busy = true;
		this.failure = null;
		try {
			const done = await commitGridEdits(this.fetcher, this.edits, this.versions);
			const before = this.preview?.before ?? [];
			const refs = this.preview?.refs ?? {};
			const selected = this.selectedGrid;
			this.grids = await this.reloadGrids();
			const n = this.edits.length;
			this.discard();
			this.committed = rowsOf(before, done.after, {});
			// the selection stays on its grid when the grid stays (a draft's new grid has its real id now)
			if (selected && typeof selected.ref === 'number' && !(String(selected.ref) in refs))
				this.selected = done.after.some((f) => f.id === selected.ref) ? selected.ref : null;
			this.committedCounts = { edits: n, moved: done.households_moved };
		} catch (e) {
			this.failure = errorMessage(e);
		} finally {
			this.busy = false;
		}
	}

	async #apply(edits: GridEdit[]): Promise<boolean> {
		this.busy = true;
		this.failure = null;
		this.committedCounts = null;
		this.committed = [];
		try {
			if (edits.length === 0) {
				this.preview = null;
				this.versions = {};
			} else {
				const p = await previewGridEdits(this.fetcher, edits);
				if (Object.keys(this.versions).length === 0)
					this.versions = Object.fromEntries(p.before.map((f) => [String(f.id), f.version]));
				this.preview = p;
			}
			this.edits = edits;
			// a selection the draft removed goes
			if (this.selected !== null && !this.shown.some((g) => g.ref === this.selected)) this.selected = null;
			return true;
		} catch (e) {
			this.failure = errorMessage(e);
			return false;
		} finally {
			this.busy = false;
		}
	}
}

/** A preview's created grids: their id in the preview → the name the draft gives them. */
function refNames(refs: Record<string, number>): Record<number, string> {
	return Object.fromEntries(Object.entries(refs).map(([name, id]) => [id, name]));
}

function rowsOf(
	before: GridDraftFigure[],
	after: GridDraftFigure[],
	refs: Record<string, number>
): DraftRow[] {
	const names = refNames(refs);
	const rows: DraftRow[] = before.map((b) => ({
		id: b.id,
		ref: b.id,
		name: b.name,
		before: b,
		after: after.find((a) => a.id === b.id) ?? null
	}));
	for (const a of after) {
		if (!before.some((b) => b.id === a.id))
			rows.push({ id: a.id, ref: names[a.id] ?? a.id, name: a.name, before: null, after: a });
	}
	return rows;
}

function gridOf(p: GridProps, geometry: MultiPolygon): EditorGrid {
	return {
		id: p.id,
		ref: p.id,
		code: p.code,
		name: p.name,
		households: p.households,
		officer: p.officer,
		officerId: p.officer_id,
		geometry
	};
}
