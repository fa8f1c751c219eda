// Messages between the import page and its Web Worker. The worker keeps the parsed file and
// the prepared features (possibly a million); the page gets a summary, the problems and a
// bounded preview for the map.
import type { FeatureCollection, Geometry } from 'geojson';
import type { SourceCrs } from '$lib/formats/crs';
import type { ImportKind } from '$lib/import/kinds';
import type { ImportNote } from '$lib/import/prepare';
import type { ImportProblem } from '$lib/import/problems';
import type { ImportReference } from '$lib/import/validate';

export interface ImportChoices {
	crs?: SourceCrs;
	swap?: boolean;
	mapping?: Record<string, string>;
	columns?: { lon: string; lat: string };
}

export type ToWorker =
	/** `origin`: the server the worker reads the reference from and uploads to */
	| { type: 'read'; name: string; bytes: ArrayBuffer; kind: ImportKind; origin: string }
	| { type: 'choose'; choices: ImportChoices }
	| { type: 'repair' }
	| { type: 'upload'; fileName: string };

export interface PreviewSummary {
	kind: ImportKind;
	count: number;
	crs: SourceCrs;
	swap: boolean;
	mapping: Record<string, string>;
	sourceKeys: string[];
	columns: { lon: string; lat: string } | null;
	notes: ImportNote[];
	problems: ImportProblem[];
	problemCount: number;
	repairable: number;
	/** up to PREVIEW_LIMIT features, problem features first; `problem` marks those */
	preview: FeatureCollection<Geometry, { code: string | null; problem: boolean }>;
	bbox: [number, number, number, number] | null;
}

export interface CommitSummary {
	kind: ImportKind;
	total: number;
	created: number;
	updated: number;
	unchanged: number;
	/** grids whose outline changed (重划) */
	redrawn: number;
	/** households the database moved to another grid because outlines changed */
	households_moved: number;
}

export type FromWorker =
	/** the places the file is checked against, within its box: drawn under the preview */
	| { type: 'reference'; reference: ImportReference }
	| { type: 'prepared'; summary: PreviewSummary }
	| { type: 'progress'; sent: number; total: number }
	| { type: 'committed'; summary: CommitSummary }
	| { type: 'failed'; key: string; problems: ImportProblem[] };

export const PREVIEW_LIMIT = 5000;
/** UTF-8 bytes per upload request at most: below adapter-node's default body limit (512 kB). */
export const IMPORT_CHUNK_BYTES = 480 * 1024;
