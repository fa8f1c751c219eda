// The problems an import can have, as message keys shared by the pure pre-validation (shown in
// the preview) and import_commit in SQL (which raises the same keys).
import type { Geometry } from 'geojson';

export const PROBLEM_KEYS = [
	'import.code_missing',
	'import.duplicate_code',
	'import.empty',
	'import.wrong_type',
	'import.non_finite',
	'import.outside_china',
	'import.too_few_points',
	'import.ring_not_closed',
	'import.self_intersection',
	'import.zero_area',
	'import.invalid_geometry',
	'import.field_missing',
	'import.field_invalid',
	'import.grids_overlap',
	'import.grid_outside_village',
	'import.unknown_village',
	'import.unknown_township',
	'import.unknown_station',
	'import.outside_grids',
	'import.village_gap'
] as const;
export type ProblemKey = (typeof PROBLEM_KEYS)[number];

export interface ImportProblem {
	/** 1-based position of the feature in the file */
	index: number;
	code: string | null;
	problem: ProblemKey;
	/** the other party: a field, a code, an area in m² */
	other?: string;
	/** a repaired shape the user may accept instead */
	repaired?: Geometry;
}

export type FieldValue = string | number | boolean | null;

/** A feature after column mapping and coordinate conversion: what the server receives. */
export interface ImportFeature {
	index: number;
	code: string | null;
	properties: Record<string, FieldValue>;
	geometry: Geometry | null;
	/** for a point: the grid (code) the preview found it in; the database checks the claim */
	grid?: string;
}
