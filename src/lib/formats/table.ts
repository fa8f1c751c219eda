// Tables (CSV, XLSX) to point features: the user maps columns to fields and picks the longitude
// and latitude columns; headers in Chinese or English are recognised to pre-fill the mapping.
import { parseCsv } from './csv.ts';
import type { ParsedFile, RawFeature } from './parsed.ts';
import { decodeText } from './text.ts';

export function readCsvTable(bytes: Uint8Array): ParsedFile {
	const text = decodeText(bytes);
	const [header = [], ...rows] = parseCsv(text);
	return {
		format: 'csv',
		features: [],
		table: { header: header.map((h) => h.trim()), rows },
		declaredCrs: null,
		notes: []
	};
}

const LON = /^(lon|lng|long|longitude|x|经度|东经)$/i;
const LAT = /^(lat|latitude|y|纬度|北纬)$/i;

/** The longitude and latitude columns by header name (-1 when none looks like one). */
export function guessCoordinateColumns(header: string[]): { lon: number; lat: number } {
	return {
		lon: header.findIndex((h) => LON.test(h.trim())),
		lat: header.findIndex((h) => LAT.test(h.trim()))
	};
}

/** Parses a number as spreadsheets write it; anything else is NaN. */
function coordinate(text: string | undefined): number {
	const t = (text ?? '').trim();
	return t === '' ? NaN : Number(t);
}

/**
 * Point features from the table rows, every column as a property under its header name. A row
 * with a missing or non-numeric coordinate keeps NaN so validation names it instead of
 * dropping it silently.
 */
export function tableFeatures(
	table: { header: string[]; rows: string[][] },
	columns: { lon: number; lat: number }
): RawFeature[] {
	return table.rows.map((row) => ({
		type: 'Feature',
		geometry: { type: 'Point', coordinates: [coordinate(row[columns.lon]), coordinate(row[columns.lat])] },
		properties: Object.fromEntries(table.header.map((h, i) => [h, (row[i] ?? '').trim()]))
	}));
}
