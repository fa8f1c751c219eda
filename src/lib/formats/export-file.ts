// One FeatureCollection out in the format asked for: the bytes, the MIME type and the file
// name. Used by the export API (layers, selections), which streams the bytes as they are
// written, and by pages that export what they hold (the planner's findings).
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { csvPieces } from './csv.ts';
import { featureTable, type TableProps } from './feature-table.ts';
import { shapefilePieces } from './shapefile-write.ts';
import { encoded, gathered, paced } from './streamed.ts';
import { xlsxPieces } from './xlsx.ts';

export const EXPORT_FORMATS = ['geojson', 'csv', 'xlsx', 'shp'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFile {
	bytes: Uint8Array;
	type: string;
	fileName: string;
}

export interface ExportStream {
	/** written as it is read, with turns for the event loop between pieces */
	pieces: AsyncIterable<Uint8Array>;
	type: string;
	fileName: string;
}

/** Text handed out at a time (characters). */
const SLICE_CHARS = 64 * 1024;

/** Exactly JSON.stringify(collection), a slice of features at a time. */
function* geojsonPieces(collection: FeatureCollection<Geometry | null, TableProps>): Generator<string> {
	const marker = '\u0000features\u0000';
	const outline = JSON.stringify({ ...collection, features: marker });
	const [head, tail] = outline.split(JSON.stringify(marker));
	let text = `${head}[`;
	for (let i = 0; i < collection.features.length; i++) {
		if (i > 0) text += ',';
		text += JSON.stringify(collection.features[i]);
		if (text.length >= SLICE_CHARS) {
			yield text;
			text = '';
		}
	}
	yield `${text}]${tail}`;
}

/** The file as a stream of pieces, written as they are read. */
export function exportStream(
	name: string,
	collection: FeatureCollection<Geometry | null, TableProps>,
	format: ExportFormat,
	labels: Record<string, string> = {}
): ExportStream {
	const features = collection.features as Feature<Geometry | null, TableProps>[];
	if (format === 'geojson')
		return {
			pieces: paced(encoded(geojsonPieces(collection))),
			type: 'application/geo+json',
			fileName: `${name}.geojson`
		};
	if (format === 'shp')
		return {
			pieces: shapefilePieces(
				name,
				features as Feature<Geometry | null, Record<string, string | number | boolean | null>>[]
			),
			type: 'application/zip',
			fileName: `${name}.zip`
		};
	const { header, rows } = featureTable(features);
	const labelled = header.map((h) => labels[h] ?? h);
	if (format === 'csv')
		return {
			pieces: paced(encoded(csvPieces(labelled, rows))),
			type: 'text/csv; charset=utf-8',
			fileName: `${name}.csv`
		};
	return {
		pieces: xlsxPieces(labelled, rows),
		type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		fileName: `${name}.xlsx`
	};
}

/** Features; `labels` relabels the columns of tables (e.g. translated), keys stay the same. */
export async function exportFile(
	name: string,
	collection: FeatureCollection<Geometry | null, TableProps>,
	format: ExportFormat,
	labels: Record<string, string> = {}
): Promise<ExportFile> {
	const { pieces, type, fileName } = exportStream(name, collection, format, labels);
	return { bytes: await gathered(pieces), type, fileName };
}
