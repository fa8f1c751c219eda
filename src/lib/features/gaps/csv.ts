// Findings as CSV that Excel opens with the Chinese intact: UTF-8 with a byte-order mark (without
// it Excel on a Chinese Windows reads GBK), CRLF line ends, every field quoted.
import { kindKey, reasonKey, type Translate } from './labels.ts';
import type { PlanRow } from './plan-rows.ts';

export type CsvCell = string | number | null;

export const BOM = '\uFEFF';

/** A quoted field; text starting like a formula gets a leading apostrophe (CSV injection). */
export function csvField(value: CsvCell): string {
	if (value === null) return '""';
	let text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
	if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(header: string[], rows: CsvCell[][]): string {
	const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
	return `${BOM}${lines.join('\r\n')}\r\n`;
}

const round = (n: number | null, digits: number) => (n === null ? null : Number(n.toFixed(digits)));

/** The ranked findings, one per line, labelled in the language of `t`. */
export function findingsCsv(rows: PlanRow[], t: Translate): string {
	const header = [
		t('plan.csv_rank'),
		t('plan.csv_kind'),
		t('plan.csv_reason'),
		t('plan.csv_subject'),
		t('plan.csv_county'),
		t('plan.csv_township'),
		t('plan.csv_village'),
		t('plan.csv_station'),
		t('plan.csv_households'),
		t('plan.csv_population'),
		t('plan.csv_area'),
		t('plan.csv_id')
	];
	return toCsv(
		header,
		rows.map((r, i) => [
			i + 1,
			t(kindKey(r.kind)),
			t(reasonKey(r.finding.reason)),
			r.subject,
			r.county,
			r.township,
			r.village,
			r.station,
			r.households,
			r.population,
			round(r.areaKm2, 3),
			r.id
		])
	);
}
