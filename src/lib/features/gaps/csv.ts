// Findings as CSV that Excel opens with the Chinese intact; the CSV writer itself (BOM, CRLF,
// quoting, formula defusing) lives in lib/formats, shared with the data export.
import { kindKey, reasonKey, type Translate } from './labels.ts';
import type { PlanRow } from './plan-rows.ts';

export { BOM, csvField, toCsv, type CsvCell } from '$lib/formats/csv';
import { toCsv } from '$lib/formats/csv';

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
