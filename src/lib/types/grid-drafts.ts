// A grid draft (网格调整草稿): the edits a head makes on the map before committing them, and the
// figures the database answers for each grid of the villages they touch, before and after.
// The edits are applied by PostGIS (supabase/schemas/29_grid_editing.sql) in the preview and
// in the commit alike, so what the preview shows is what the commit writes.
import type { LineString, MultiPolygon, Polygon } from 'geojson';

/** A grid id, or the `as` name of a grid an earlier edit of the draft created. */
export type GridRef = number | string;

export type GridEdit =
	| { op: 'split'; grid: GridRef; line: LineString; name?: string; as?: string }
	| { op: 'draw'; village: number; area: Polygon; name?: string; as?: string }
	| { op: 'transfer'; grid: GridRef; area: Polygon }
	| { op: 'merge'; grid: GridRef; absorb: GridRef; officer: 'grid' | 'absorb' }
	| { op: 'replace'; village: number; grids: (Polygon | MultiPolygon)[]; as?: string };

export type GridEditOp = GridEdit['op'];
export const GRID_EDIT_OPS = ['split', 'draw', 'transfer', 'merge', 'replace'] as const;
/** As the database limits a draft. */
export const MAX_GRID_EDITS = 100;

export interface GridDraftOfficer {
	id: number;
	name: string;
	/** households of all the officer's grids: their workload */
	households: number;
}

export interface GridDraftFigure {
	id: number;
	code: string;
	name: string;
	village_id: number;
	/** the version a commit names (a change meanwhile is a conflict) */
	version: number;
	households: number;
	vulnerable: number;
	incidents_12m: number;
	officer: GridDraftOfficer | null;
	/** the farthest household from the post or station nearest the grid, km; null: no households */
	reach_km: number | null;
	area_m2: number;
	geometry: MultiPolygon;
}

export interface GridDraftPreview {
	before: GridDraftFigure[];
	after: GridDraftFigure[];
	/** the grids the draft creates, by their `as` names → their ids in this preview only */
	refs: Record<string, number>;
	households_moved: number;
}

export interface GridDraftCommitted {
	after: GridDraftFigure[];
	households_moved: number;
}
