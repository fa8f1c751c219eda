// The planner's page as state and rules, without a browser: the sliders and filters (read from
// and written back to the link), the analysis runs and their outcome, the ranked and filtered
// findings, and the figures the page reports. plan/+page.svelte draws it; tests drive it.
import type { FindingKind } from '$lib/coverage/findings';
import type { RunOutcome } from '$lib/features/gaps/gaps-client';
import {
	NO_FILTER,
	countByKind,
	filterRows,
	placeChoices,
	placesIndex,
	planRow,
	rankRows,
	type PlanFilter,
	type PlanRow
} from '$lib/features/gaps/plan-rows';
import type { GapsOptions, GapsResult } from '$lib/features/gaps/protocol';
import { REACH_KINDS } from '$lib/features/gaps/totals';
import type { MapSummary } from '$lib/types/layers';

/** `waiting`: a province, no city chosen yet — nothing loads until one is */
export type RunStatus = 'loading' | 'waiting' | 'running' | 'done' | 'cancelled' | 'error';
export type PlanPlaces = Parameters<typeof placesIndex>[0];

/** What runs an analysis: the gaps worker's client, or a fake in tests. */
export interface PlanRunner {
	run(options: GapsOptions): Promise<RunOutcome>;
	cancel(): void;
}

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

function numberParam(params: URLSearchParams, name: string, lo: number, hi: number): number | null {
	const raw = params.get(name);
	const n = raw === null ? NaN : Number(raw);
	return Number.isFinite(n) ? clamp(n, lo, hi) : null;
}

export class PlanPage<P extends PlanPlaces = PlanPlaces> {
	/** reach of a station or post, km */
	reachKm = $state(3);
	/** campaign target in percent; null until the campaign's own target is known */
	targetPct = $state<number | null>(null);
	selectedId = $state<string | null>(null);
	filter = $state<PlanFilter>(NO_FILTER);
	summary = $state.raw<MapSummary | null>(null);
	places = $state.raw<P | null>(null);
	result = $state.raw<GapsResult | null>(null);
	status = $state<RunStatus>('loading');
	failure = $state<string | null>(null);

	constructor(params: URLSearchParams) {
		this.reachKm = numberParam(params, 'reach', 1, 10) ?? 3;
		this.targetPct = numberParam(params, 'target', 0, 100);
		this.selectedId = params.get('finding');
	}

	readonly options: GapsOptions = $derived({
		reachKm: this.reachKm,
		targetShare: this.targetPct === null ? null : this.targetPct / 100
	});
	readonly index = $derived(this.places ? placesIndex(this.places) : null);
	readonly rows: PlanRow[] = $derived.by(() => {
		const index = this.index;
		if (!this.result || !index) return [];
		return rankRows(this.result.findings.map((f) => planRow(f, index)));
	});
	readonly shown: PlanRow[] = $derived(filterRows(this.rows, this.filter));
	readonly kindCounts = $derived(countByKind(this.rows));
	readonly selectedRow: PlanRow | null = $derived(this.rows.find((r) => r.id === this.selectedId) ?? null);
	readonly beyondReach = $derived(this.rows.filter((r) => REACH_KINDS.has(r.kind)).length);
	readonly counties = $derived(placeChoices(this.rows.map((r) => [r.countyId, r.county])));
	readonly townships = $derived(
		placeChoices(
			this.rows
				.filter((r) => this.filter.countyId === null || r.countyId === this.filter.countyId)
				.map((r) => [r.townshipId, r.township])
		)
	);
	readonly stations = $derived(placeChoices(this.rows.map((r) => [r.stationId, r.station])));
	readonly filtered = $derived(Object.values(this.filter).some((v) => v !== null));
	/** kinds by count; the chosen kind stays a choice when a new analysis finds none of it */
	readonly kindOptions: [FindingKind, number][] = $derived.by(() => {
		const options = [...this.kindCounts].sort((a, b) => b[1] - a[1]);
		if (this.filter.kind !== null && !this.kindCounts.has(this.filter.kind))
			options.push([this.filter.kind, 0]);
		return options;
	});

	get totals() {
		return this.result?.totals ?? null;
	}

	/** The jurisdiction's figures arrived: the campaign's own target, unless the link set one. */
	setSummary(summary: MapSummary): void {
		this.summary = summary;
		if (this.targetPct === null && summary.campaign)
			this.targetPct = Math.round(summary.campaign.target_share * 100);
	}

	/** A filter from a <select>: '' is "all"; a new county clears the township. */
	setFilter<K extends keyof PlanFilter>(key: K, raw: string): void {
		const value = raw === '' ? null : key === 'kind' ? raw : Number(raw);
		this.filter = { ...this.filter, [key]: value, ...(key === 'countyId' ? { townshipId: null } : {}) };
	}

	clearFilters(): void {
		this.filter = NO_FILTER;
	}

	/**
	 * One analysis with `options`; a run superseded by a newer one changes nothing. Returns the
	 * error message when the analysis failed, for the page's report.
	 */
	async run(runner: PlanRunner, options: GapsOptions): Promise<string | null> {
		this.status = 'running';
		this.failure = null;
		const outcome = await runner.run(options);
		if (outcome.status === 'superseded') return null;
		if (outcome.status === 'done') {
			this.result = outcome.result;
			this.status = 'done';
		} else if (outcome.status === 'cancelled') {
			this.status = 'cancelled';
		} else {
			this.status = 'error';
			this.failure = outcome.message;
			return outcome.message;
		}
		return null;
	}

	/** The link's own parameters (reach, a target other than the campaign's, the finding). */
	writeParams(params: URLSearchParams): void {
		params.set('reach', String(this.reachKm));
		const own = Math.round((this.summary?.campaign?.target_share ?? -1) * 100);
		if (this.targetPct !== null && this.targetPct !== own) params.set('target', String(this.targetPct));
		else params.delete('target');
		if (this.selectedId) params.set('finding', this.selectedId);
		else params.delete('finding');
	}

	/** The figures the page reports after each analysis (map status), given the mapped gaps. */
	figures(mapped: number): Record<string, number> | null {
		if (!this.result || !this.places) return null;
		return {
			findings: this.rows.length,
			shown: this.shown.length,
			beyond_reach: this.beyondReach,
			mapped,
			reach_km: this.result.options.reachKm,
			run: this.result.runId
		};
	}
}
