// Did the door-knocking work? The campaign's impact rows as the database gives them, and the
// sentence each says. The wording compares with the comparison grids and claims no cause
// (与对照网格相比); an interval that holds 1 says no clear change; below the minimum count the
// sentence says there are too few cases to say anything.
import { t } from '$lib/i18n/locale.svelte';
import type { IncidentCategory } from '$lib/types/domain';

export type ImpactLevel = 'campaign' | 'station' | 'village' | 'grid';
export type ImpactCategory = IncidentCategory | 'all';

export interface ImpactRow {
	level: ImpactLevel;
	id: number;
	category: ImpactCategory;
	/** reached grids with a window of at least two weeks after their first visits */
	grids: number;
	before: number;
	after: number;
	comparison_before: number;
	comparison_after: number;
	/** rate ratio against the comparison grids, with its 95% interval; null below min_count */
	rr: number | null;
	lo: number | null;
	hi: number | null;
}

export interface CampaignImpact {
	campaign_id: number;
	weeks: number;
	min_count: number;
	rows: ImpactRow[];
}

export type ImpactFinding =
	| { kind: 'fewer' | 'more'; change: number; from: number; to: number }
	| { kind: 'unclear'; rr: number; lo: number; hi: number }
	| { kind: 'too_few'; before: number; after: number };

/** What a row says: a change (percent, with its interval) only when the interval excludes 1. */
export function findingOf(r: ImpactRow): ImpactFinding {
	if (r.rr === null || r.lo === null || r.hi === null)
		return { kind: 'too_few', before: r.before, after: r.after };
	const percent = (x: number) => Math.round(Math.abs(1 - x) * 100);
	if (r.hi < 1) return { kind: 'fewer', change: percent(r.rr), from: percent(r.hi), to: percent(r.lo) };
	if (r.lo > 1) return { kind: 'more', change: percent(r.rr), from: percent(r.lo), to: percent(r.hi) };
	return { kind: 'unclear', rr: r.rr, lo: r.lo, hi: r.hi };
}

/** What a row says, in words: 少 X%（区间 a%–b%）, 多 …, 无明显变化 or 案件太少. */
export function impactSentence(r: ImpactRow): string {
	const f = findingOf(r);
	return f.kind === 'too_few' ? t('campaign.impact_too_few') : t(`campaign.impact_${f.kind}`, f);
}

/** The campaign's rows: 诈骗 first (what the campaigns are for), all incidents next, then the rest. */
export function campaignRows(impact: CampaignImpact): ImpactRow[] {
	const order = (c: ImpactCategory) => (c === 'fraud' ? 0 : c === 'all' ? 1 : 2);
	return impact.rows
		.filter((r) => r.level === 'campaign')
		.sort((a, b) => order(a.category) - order(b.category) || b.before - a.before);
}

/** The level whose ratio colours a grid on the map: its own, its village's or its station's. */
export type ImpactMapLevel = 'grid' | 'village' | 'station';
export const IMPACT_MAP_LEVELS: ImpactMapLevel[] = ['grid', 'village', 'station'];

interface GridPlace {
	id: number;
	village_id: number;
	station_id: number | null;
}

/** Each grid's row for the category at the chosen level (its own, its village's, its station's). */
export function gridRows(
	impact: CampaignImpact,
	grids: readonly GridPlace[],
	level: ImpactMapLevel,
	category: ImpactCategory
): ReadonlyMap<number, ImpactRow> {
	const rows = new Map<number, ImpactRow>();
	for (const r of impact.rows) if (r.level === level && r.category === category) rows.set(r.id, r);
	const out = new Map<number, ImpactRow>();
	for (const g of grids) {
		const key = level === 'grid' ? g.id : level === 'village' ? g.village_id : g.station_id;
		const row = key === null ? undefined : rows.get(key);
		if (row) out.set(g.id, row);
	}
	return out;
}
