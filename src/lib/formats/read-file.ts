// One entry for every supported file: the extension picks the reader. Runs in the import Web
// Worker (and in Node for tests and the benchmark), never on the main thread.
import { readCsvTable } from './table.ts';
import { readGeoJson } from './geojson-read.ts';
import { readKml } from './kml-read.ts';
import { FileError, type ParsedFile } from './parsed.ts';
import { readShapefileZip } from './shapefile-read.ts';
import { decodeText } from './text.ts';
import { readXlsx } from './xlsx.ts';

export const IMPORT_EXTENSIONS = ['.geojson', '.json', '.zip', '.kml', '.csv', '.xlsx'] as const;

/** Above this the page refuses the file before reading it (the server's body limit agrees). */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

export async function readImportFile(name: string, bytes: Uint8Array): Promise<ParsedFile> {
	if (bytes.length > MAX_IMPORT_BYTES) throw new FileError('import.too_large', String(bytes.length));
	const ext = name.toLowerCase().match(/\.[a-z0-9]+$/)?.[0] ?? '';
	switch (ext) {
		case '.geojson':
		case '.json':
			return readGeoJson(decodeText(bytes));
		case '.zip':
			return readShapefileZip(bytes);
		case '.kml':
			return readKml(decodeText(bytes));
		case '.csv':
			return readCsvTable(bytes);
		case '.xlsx':
			return readXlsx(bytes);
		default:
			throw new FileError('import.unsupported_format', ext);
	}
}
