// XLSX both ways. Read with read-excel-file (it runs in a Web Worker and in Node): only the
// first sheet, every cell as text so the column mapping treats CSV and XLSX alike, and only
// once the archive's declared sizes pass the limits (read-excel-file unpacks into buffers of
// the declared sizes, so what they claim is what it can allocate). Written here as a stream,
// with the parts write-excel-file wrote (shared strings, a bold header style): the sheet is
// made a slice of rows at a time and compressed off the event loop (archive.ts), so a county's
// households do not hold the server for seconds.
import { readSheet } from 'read-excel-file/universal';
import { ZipOut, zipEntries } from './archive.ts';
import { SLICE_ROWS, type CsvCell } from './csv.ts';
import { FileError, type ParsedFile } from './parsed.ts';
import { gathered, NOTHING } from './streamed.ts';

function cellText(v: unknown): string {
	if (v === null || v === undefined) return '';
	if (v instanceof Date) return v.toISOString();
	return String(v);
}

export async function readXlsx(bytes: Uint8Array): Promise<ParsedFile> {
	zipEntries(bytes);
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

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DOCUMENT_RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const NAMESPACES =
	`xmlns="${MAIN}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
	'xmlns:mv="urn:schemas-microsoft-com:mac:vml" xmlns:mx="http://schemas.microsoft.com/office/mac/excel/2008/main" ' +
	`xmlns:r="${DOCUMENT_RELATIONSHIPS}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" ` +
	'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"';

const CONTENT_TYPES =
	`${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	'<Default ContentType="application/xml" Extension="xml"/>' +
	'<Default ContentType="application/vnd.openxmlformats-package.relationships+xml" Extension="rels"/>' +
	`<Override ContentType="${TYPE}.sheet.main+xml" PartName="/xl/workbook.xml"/>` +
	`<Override ContentType="${TYPE}.sharedStrings+xml" PartName="/xl/sharedStrings.xml"/>` +
	`<Override ContentType="${TYPE}.styles+xml" PartName="/xl/styles.xml"/>` +
	`<Override ContentType="${TYPE}.worksheet+xml" PartName="/xl/worksheets/sheet1.xml"/></Types>`;
const ROOT_RELS =
	`${XML}<Relationships xmlns="${RELATIONSHIPS}"><Relationship Id="rId-workbook-1" ` +
	`Type="${DOCUMENT_RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK_RELS =
	`${XML}<Relationships xmlns="${RELATIONSHIPS}">` +
	`<Relationship Id="rId1" Type="${DOCUMENT_RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>` +
	`<Relationship Id="rId2" Type="${DOCUMENT_RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/>` +
	`<Relationship Id="rId3" Type="${DOCUMENT_RELATIONSHIPS}/styles" Target="styles.xml"/></Relationships>`;
const SHEET_RELS = `${XML}<Relationships xmlns="${RELATIONSHIPS}"></Relationships>`;
// font 1 is bold: the header row's style 1
const STYLES =
	`${XML}<styleSheet xmlns="${MAIN}"><fonts count="2">` +
	'<font><family val="2"/><scheme val="minor"/><color theme="1"/></font>' +
	'<font><family val="2"/><scheme val="minor"/><b/><color theme="1"/></font></fonts>' +
	'<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
	'<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
	'<cellXfs count="2"><xf/><xf fontId="1" applyFont="1"/></cellXfs></styleSheet>';

const workbook = (sheet: string) =>
	`${XML}<workbook xmlns="${MAIN}" xmlns:r="${DOCUMENT_RELATIONSHIPS}"><workbookPr/><bookViews><workbookView/></bookViews>` +
	`<sheets><sheet r:id="rId1" sheetId="1" name="${escaped(sheet).replace(/"/g, '&quot;')}"/></sheets>` +
	'<definedNames/><calcPr/></workbook>';

// Characters XML 1.0 forbids (C0 controls but tab and line ends, lone surrogates, U+FFFE/F):
// a database text holding one would make the whole file unreadable
const INVALID_XML =
	// eslint-disable-next-line no-control-regex -- matching control characters is the point
	/[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function escaped(text: string): string {
	return text.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A1-style column letters: A … Z, AA … */
function columnName(i: number): string {
	let name = '';
	for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26))
		name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
	return name;
}

/** Sheet XML handed to the compressor at a time (characters). */
const SLICE_CHARS = 64 * 1024;

type Strings = Map<string, number>;

function cellXml(value: CsvCell | undefined, ref: string, style: string, strings: Strings): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number')
		return Number.isFinite(value) ? `<c r="${ref}"${style}><v>${value}</v></c>` : '';
	if (typeof value === 'boolean') return `<c r="${ref}"${style} t="b"><v>${value ? 1 : 0}</v></c>`;
	const text = String(value);
	let i = strings.get(text);
	if (i === undefined) {
		i = strings.size;
		strings.set(text, i);
	}
	return `<c r="${ref}"${style} t="s"><v>${i}</v></c>`;
}

/** The sheet's XML in pieces, its texts gathered into `strings` (index by first appearance). */
function* sheetXml(header: string[], rows: Iterable<CsvCell[]>, strings: Strings): Generator<Uint8Array> {
	const utf8 = new TextEncoder();
	const columns: string[] = [];
	const rowXml = (cells: CsvCell[], r: number, style = '') => {
		let xml = `<row r="${r}">`;
		for (let c = 0; c < cells.length; c++)
			xml += cellXml(cells[c], `${(columns[c] ??= columnName(c))}${r}`, style, strings);
		return `${xml}</row>`;
	};
	let xml = `${XML}<worksheet ${NAMESPACES}><sheetData>${rowXml(header, 1, ' s="1"')}`;
	let r = 1;
	for (const cells of rows) {
		xml += rowXml(cells, ++r);
		if (xml.length >= SLICE_CHARS) {
			yield utf8.encode(xml);
			xml = '';
		} else if (r % SLICE_ROWS === 0) yield NOTHING;
	}
	yield utf8.encode(`${xml}</sheetData></worksheet>`);
}

function* sharedStringsXml(strings: Strings): Generator<Uint8Array> {
	const utf8 = new TextEncoder();
	let xml = `${XML}<sst xmlns="${MAIN}">`;
	for (const text of strings.keys()) {
		// Excel drops leading and trailing spaces unless told to keep them
		const space = text.trim() === text ? '' : ' xml:space="preserve"';
		xml += `<si><t${space}>${escaped(text)}</t></si>`;
		if (xml.length >= SLICE_CHARS) {
			yield utf8.encode(xml);
			xml = '';
		}
	}
	yield utf8.encode(`${xml}</sst>`);
}

/**
 * One sheet, a bold header row and then the rows, as zip pieces written as they are read (see
 * streamed.ts). Empty cells (null, a number that is not finite) are left out.
 */
export async function* xlsxPieces(
	header: string[],
	rows: Iterable<CsvCell[]>,
	sheet = 'Sheet1'
): AsyncGenerator<Uint8Array> {
	const utf8 = new TextEncoder();
	const zip = new ZipOut();
	yield* zip.entry('[Content_Types].xml', [utf8.encode(CONTENT_TYPES)]);
	yield* zip.entry('_rels/.rels', [utf8.encode(ROOT_RELS)]);
	yield* zip.entry('xl/_rels/workbook.xml.rels', [utf8.encode(WORKBOOK_RELS)]);
	yield* zip.entry('xl/workbook.xml', [utf8.encode(workbook(sheet))]);
	const strings: Strings = new Map();
	yield* zip.entry('xl/worksheets/sheet1.xml', sheetXml(header, rows, strings));
	yield* zip.entry('xl/worksheets/_rels/sheet1.xml.rels', [utf8.encode(SHEET_RELS)]);
	yield* zip.entry('xl/styles.xml', [utf8.encode(STYLES)]);
	yield* zip.entry('xl/sharedStrings.xml', sharedStringsXml(strings));
	yield zip.end();
}

/** One sheet, whole: a bold header row, then the rows. */
export async function xlsxBytes(header: string[], rows: CsvCell[][], sheet = 'Sheet1'): Promise<Uint8Array> {
	return gathered(xlsxPieces(header, rows, sheet));
}
