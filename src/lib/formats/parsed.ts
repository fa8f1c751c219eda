// What every reader returns: geographic features (GeoJSON, Shapefile, KML) or a table whose
// coordinate columns the user still maps (CSV, XLSX), plus what the file says of itself.
import type { Feature, Geometry } from 'geojson';
import type { PrjMeaning } from './crs.ts';

export type FileFormat = 'geojson' | 'shapefile' | 'kml' | 'csv' | 'xlsx';

/** Remarks about the file (message keys), shown above the preview. */
export type FileNote =
	'import.note_3d' | 'import.note_crs_member' | 'import.note_no_prj' | 'import.note_gbk' | 'import.note_nan';

export type RawFeature = Feature<Geometry | null, Record<string, unknown>>;

export interface ParsedFile {
	format: FileFormat;
	features: RawFeature[];
	/** tabular formats: the header and the cells, as text */
	table?: { header: string[]; rows: string[][] };
	/** the coordinate system the file declares (.prj, `crs` member), null when silent */
	declaredCrs: PrjMeaning | null;
	notes: FileNote[];
}

/** A file the readers cannot use at all; `key` is the message key. */
export class FileError extends Error {
	constructor(
		readonly key: string,
		readonly detail = ''
	) {
		super(detail ? `${key}: ${detail}` : key);
		this.name = 'FileError';
	}
}
