// XLSX both ways with the small read-excel-file / write-excel-file pair (they run in a Web
// Worker and in Node). Only the first sheet is read; every cell comes back as text so the
// column mapping treats CSV and XLSX alike.
import { readSheet } from 'read-excel-file/universal';
import writeXlsxFile from 'write-excel-file/universal';
import type { CsvCell } from './csv.ts';
import { FileError, type ParsedFile } from './parsed.ts';

function cellText(v: unknown): string {
	if (v === null || v === undefined) return '';
	if (v instanceof Date) return v.toISOString();
	return String(v);
}

export async function readXlsx(bytes: Uint8Array): Promise<ParsedFile> {
	let sheet: unknown[][];
	try {
		sheet = (await readSheet(bytes.slice().buffer)) as unknown[][];
	} catch (e) {
		throw new FileError('import.parse_error', (e as Error).message);
	}
	const [header = [], ...rows] = sheet.map((r) => r.map(cellText));
	return {
		format: 'xlsx',
		features: [],
		table: { header, rows: rows.filter((r) => r.some((c) => c.trim() !== '')) },
		declaredCrs: null,
		notes: []
	};
}

/** One sheet: a bold header row, then the rows. */
export async function xlsxBytes(header: string[], rows: CsvCell[][], sheet = 'Sheet1'): Promise<Uint8Array> {
	const data = [
		header.map((value) => ({ value, fontWeight: 'bold' as const })),
		...rows.map((r) =>
			r.map((value) =>
				value === null
					? null
					: typeof value === 'number'
						? { value, type: Number }
						: typeof value === 'boolean'
							? { value, type: Boolean }
							: { value: String(value), type: String }
			)
		)
	];
	const blob = await writeXlsxFile(data as never, { sheet }).toBlob();
	return new Uint8Array(await blob.arrayBuffer());
}
