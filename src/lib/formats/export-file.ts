// One FeatureCollection out in the format asked for: the bytes, the MIME type and the file
// name. Used by the export API (layers, selections) and by pages that export what they hold
// (the planner's findings).
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { toCsv, type CsvCell } from './csv.ts';
import { featureTable, type TableProps } from './feature-table.ts';
import { shapefileZip } from './shapefile-write.ts';
import { xlsxBytes } from './xlsx.ts';

export const EXPORT_FORMATS = ['geojson', 'csv', 'xlsx', 'shp'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFile {
	bytes: Uint8Array;
	type: string;
	fileName: string;
}

const utf8 = new TextEncoder();

/** Features; `header` relabels the columns of tables (e.g. translated), keys stay the same. */
export async function exportFile(
	name: string,
	collection: FeatureCollection<Geometry | null, TableProps>,
	format: ExportFormat,
	labels: Record<string, string> = {}
): Promise<ExportFile> {
	const features = collection.features as Feature<Geometry | null, TableProps>[];
	if (format === 'geojson')
		return {
			bytes: utf8.encode(JSON.stringify(collection)),
			type: 'application/geo+json',
			fileName: `${name}.geojson`
		};
	if (format === 'shp') {
		const { zip } = shapefileZip(
			name,
			features as Feature<Geometry | null, Record<string, string | number | boolean | null>>[]
		);
		return { bytes: zip, type: 'application/zip', fileName: `${name}.zip` };
	}
	const { header, rows } = featureTable(features);
	const labelled = header.map((h) => labels[h] ?? h);
	if (format === 'csv')
		return {
			bytes: utf8.encode(toCsv(labelled, rows as CsvCell[][])),
			type: 'text/csv; charset=utf-8',
			fileName: `${name}.csv`
		};
	return {
		bytes: await xlsxBytes(labelled, rows),
		type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		fileName: `${name}.xlsx`
	};
}
