// Bulk import of visits from a CSV file or an Excel sheet (.xlsx): headers in Chinese or English,
// one visit per row. Rows are checked here for form (dates, yes/no, kinds) and by the database
// for substance (household in the campaign, period, station); either check reports row by row
// and nothing is stored unless every row passes. Each row's key is derived from its content, so
// importing the same file twice stores it once.
import { parseCsv } from '$lib/formats/csv';
import { decodeText } from '$lib/formats/text';
import { readXlsx } from '$lib/formats/xlsx';
import { fromChinaWallTime } from '$lib/time/china-time';
import { CAMPAIGN_TOPICS, VISIT_OUTCOMES, type CampaignTopic, type VisitOutcome } from '$lib/types/domain';
import type { VisitInput } from './campaign-types.ts';
import { parseVisitorKind } from './visitor-kind.ts';

export type ImportVisit = Omit<VisitInput, 'household_id'> & { household_code: string };

export interface CsvRowError {
	/** 1-based data row (the header is row 0) */
	row: number;
	key: string;
}

const HEADERS: Record<string, keyof ImportVisit> = {
	household_code: 'household_code',
	户编码: 'household_code',
	地址编码: 'household_code',
	visited_at: 'visited_at',
	走访时间: 'visited_at',
	outcome: 'outcome',
	走访结果: 'outcome',
	visitor_kind: 'visitor_kind',
	走访人员类别: 'visitor_kind',
	topics: 'topics',
	宣传主题: 'topics',
	fraud_risk_found: 'fraud_risk_found',
	发现诈骗风险: 'fraud_risk_found',
	money_protected: 'money_protected',
	挽损金额: 'money_protected',
	dispute_found: 'dispute_found',
	发现矛盾纠纷: 'dispute_found',
	fire_hazard_found: 'fire_hazard_found',
	发现火灾隐患: 'fire_hazard_found'
};

/** Chinese input words for the outcomes: the zh-CN texts of the `visit_outcome.*` messages. */
export const OUTCOME_ZH: Record<string, VisitOutcome> = {
	已走访: 'visited',
	无人在家: 'nobody_home',
	拒绝: 'refused'
};
const TOPIC_ZH: Record<string, string> = {
	反诈: 'anti_fraud',
	防范养老诈骗: 'elder_fraud',
	矛盾纠纷排查: 'dispute_screening',
	消防安全: 'fire_safety',
	交通法规: 'traffic_law'
};
const YES = new Set(['是', 'yes', 'true', '1', 'y']);
const NO = new Set(['否', 'no', 'false', '0', 'n', '']);

/** A stable UUID-shaped key from a row's text (four FNV-1a hashes), for idempotent re-imports. */
export function contentKey(text: string): string {
	const parts = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b].map((seed) => {
		let h = seed >>> 0;
		for (let i = 0; i < text.length; i++) {
			h ^= text.charCodeAt(i);
			h = Math.imul(h, 0x01000193) >>> 0;
		}
		return h.toString(16).padStart(8, '0');
	});
	const hex = parts.join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function flag(value: string): boolean | null {
	const v = value.trim().toLowerCase();
	return YES.has(v) ? true : NO.has(v) ? false : null;
}

/** China time when the cell has no offset: field staff write local times. */
function timestamp(value: string): string | null {
	const v = value.trim().replace(/\//g, '-');
	const m = /^(\d{4}-\d{1,2}-\d{1,2})(?:[ T](\d{1,2}:\d{2})(?::(\d{2}))?)?$/.exec(v);
	if (!m) return null;
	const [y, mo, d] = m[1].split('-').map(Number);
	const [hh, mm] = (m[2] ?? '12:00').split(':').map(Number);
	// the calendar day must exist (no 2 月 30 日), whatever the zone
	const day = new Date(Date.UTC(y, mo - 1, d));
	if (day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d || hh > 23 || mm > 59) return null;
	return new Date(fromChinaWallTime(y, mo, d, hh, mm, Number(m[3] ?? 0))).toISOString();
}

/**
 * A CSV file's visits. Bytes are read as UTF-8 when valid, else as GBK (GB18030), which is what
 * Excel on a Chinese Windows saves as "CSV"; text is taken as it is.
 */
export function visitsFromCsv(file: string | Uint8Array): { visits: ImportVisit[]; errors: CsvRowError[] } {
	const [header, ...rows] = parseCsv(typeof file === 'string' ? file : decodeText(file));
	return visitsFromTable(header, rows);
}

/**
 * An Excel sheet's rows (first sheet; readXlsx gives every cell as text). Excel dates carry no
 * zone: the reader returns the typed wall time as UTC, which is China time here.
 */
export async function visitsFromXlsx(
	bytes: Uint8Array
): Promise<{ visits: ImportVisit[]; errors: CsvRowError[] }> {
	const { table } = await readXlsx(bytes);
	const wall = (cell: string) => {
		if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/.test(cell)) return cell;
		// a serial day fraction comes back a millisecond short (09:29:59.999): round to seconds
		const iso = new Date(Math.round(Date.parse(cell) / 1000) * 1000).toISOString();
		return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
	};
	return visitsFromTable(
		table?.header,
		(table?.rows ?? []).map((r) => r.map(wall))
	);
}

function visitsFromTable(
	header: string[] | undefined,
	rows: string[][]
): { visits: ImportVisit[]; errors: CsvRowError[] } {
	const errors: CsvRowError[] = [];
	if (!header) return { visits: [], errors: [{ row: 0, key: 'import_empty' }] };
	const columns = header.map((h) => HEADERS[h.trim()] ?? null);
	for (const needed of ['household_code', 'visited_at', 'visitor_kind'] as const) {
		if (!columns.includes(needed)) errors.push({ row: 0, key: `import_missing_${needed}` });
	}
	if (errors.length) return { visits: [], errors };
	const visits: ImportVisit[] = [];
	rows.forEach((cells, i) => {
		const row = i + 1;
		const cell = (name: keyof ImportVisit) => {
			const at = columns.indexOf(name);
			return at < 0 ? '' : (cells[at] ?? '').trim();
		};
		const fail = (key: string) => errors.push({ row, key });
		const visited_at = timestamp(cell('visited_at'));
		if (!visited_at) return fail('visit_time_invalid');
		const outcome = OUTCOME_ZH[cell('outcome')] ?? (cell('outcome') || 'visited');
		if (!(VISIT_OUTCOMES as readonly string[]).includes(outcome)) return fail('visit_outcome_invalid');
		const kind = parseVisitorKind(cell('visitor_kind'));
		if (!kind) return fail('visitor_kind_invalid');
		const topics = cell('topics')
			.split(/[;；|、]/)
			.map((s) => s.trim())
			.filter(Boolean)
			.map((s) => TOPIC_ZH[s] ?? s);
		if (!topics.every((s) => (CAMPAIGN_TOPICS as readonly string[]).includes(s)))
			return fail('visit_topic_invalid');
		const flags = (['fraud_risk_found', 'dispute_found', 'fire_hazard_found'] as const).map((f) =>
			flag(cell(f))
		);
		if (flags.includes(null)) return fail('visit_flag_invalid');
		const money = Number(cell('money_protected') || 0);
		if (!Number.isFinite(money) || money < 0) return fail('visit_money_invalid');
		if (!cell('household_code')) return fail('household_not_found');
		visits.push({
			client_key: contentKey(cells.join('\u0001')),
			household_code: cell('household_code'),
			visited_at,
			outcome: outcome as ImportVisit['outcome'],
			visitor_kind: kind,
			topics: topics as CampaignTopic[],
			fraud_risk_found: flags[0]!,
			dispute_found: flags[1]!,
			fire_hazard_found: flags[2]!,
			money_protected: money
		});
	});
	return { visits, errors };
}
