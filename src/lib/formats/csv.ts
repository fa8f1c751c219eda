// CSV both ways. Written for Excel: UTF-8 with a byte-order mark (without it Excel on a Chinese
// Windows reads GBK), CRLF line ends, every field quoted, formula-like text defused. Read: RFC
// 4180 (quotes, doubled quotes, line breaks in quotes), either line end, BOM stripped.

export type CsvCell = string | number | boolean | null;

export const BOM = '\uFEFF';

/** A quoted field; text starting like a formula gets a leading apostrophe (CSV injection). */
export function csvField(value: CsvCell): string {
	if (value === null) return '""';
	let text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
	if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return `"${text.replace(/"/g, '""')}"`;
}

/** Text handed out at a time (characters) … */
const SLICE_CHARS = 64 * 1024;
/** … or rows, whichever comes first: making a row may take time (a polygon's inner point). */
export const SLICE_ROWS = 256;

/** The CSV text in pieces cut at line ends (see streamed.ts), for a download streamed as it is written. */
export function* csvPieces(header: string[], rows: Iterable<CsvCell[]>): Generator<string> {
	let text = `${BOM}${header.map(csvField).join(',')}\r\n`;
	let n = 0;
	for (const row of rows) {
		text += `${row.map(csvField).join(',')}\r\n`;
		if (text.length >= SLICE_CHARS || ++n % SLICE_ROWS === 0) {
			yield text;
			text = '';
		}
	}
	yield text;
}

export function toCsv(header: string[], rows: CsvCell[][]): string {
	return [...csvPieces(header, rows)].join('');
}

/** Rows of cells; the first row is the header. Empty trailing lines are dropped. */
export function parseCsv(text: string): string[][] {
	if (text.startsWith(BOM)) text = text.slice(1);
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"') {
				if (text[i + 1] === '"') {
					field += '"';
					i++;
				} else quoted = false;
			} else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(field);
			field = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += c;
	}
	if (field !== '' || row.length > 0) {
		row.push(field);
		rows.push(row);
	}
	return rows.filter((r) => r.some((cell) => cell.trim() !== ''));
}
