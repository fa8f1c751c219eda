// Watching a campaign as state and rules, without a browser: the figures, grids, visitedShare and
// incidents as they load and refresh, the map's fill mode and what a grid's tooltip says, the
// knock lists spawned from incidents, and the refresh that follows recorded visits.
// campaigns/[id]/+page.svelte draws it; tests drive it with a fake API.
import type { CampaignGrids } from '$lib/features/campaigns/campaign-api';
import type { FillMode } from '$lib/features/campaigns/campaign-layers';
import {
	gridRows,
	impactSentence,
	type CampaignImpact,
	type ImpactCategory,
	type ImpactRow,
	type ImpactMapLevel
} from '$lib/features/campaigns/campaign-impact';
import type { ReplayColumns } from '$lib/features/campaigns/campaign-replay';
import { ReplayPlayer } from '$lib/features/campaigns/replay-player.svelte';
import type {
	CampaignIncident,
	CampaignProgress,
	VisitedShareColumns
} from '$lib/features/campaigns/campaign-types';
import { progressSeries, share } from '$lib/features/campaigns/progress-series';
import { errorMessage } from '$lib/i18n/error-message';
import { num, pct, t } from '$lib/i18n/locale.svelte';
import { chinaDate, chinaDateIn } from '$lib/time/china-time';
import type { ChangeEvent, LiveState } from '$lib/types/live';

/** What the page asks of the server about its campaign (the campaign API, or fakes in tests). */
export interface CampaignApi {
	progress(): Promise<CampaignProgress>;
	visitedShare(): Promise<VisitedShareColumns>;
	incidents(): Promise<CampaignIncident[]>;
	impact(): Promise<CampaignImpact>;
	replay(): Promise<ReplayColumns>;
	spawnKnockList(incidentId: number, dueOn: string): Promise<{ households: number }>;
}

/** What the page's load started: the frame shows at once, each part as it arrives. */
export interface CampaignLoad {
	progress: Promise<CampaignProgress>;
	grids: Promise<CampaignGrids>;
	visitedShare: Promise<VisitedShareColumns>;
}

const NO_ROWS: ReadonlyMap<number, ImpactRow> = new Map();

/** a team flushing its queue sends hundreds of visits at once: one refresh for the burst */
const REFRESH_AFTER_MS = 1000;

export class CampaignPage {
	progress = $state<CampaignProgress | null>(null);
	grids = $state.raw<CampaignGrids | null>(null);
	visitedShare = $state.raw<VisitedShareColumns | null>(null);
	failure = $state<string | null>(null);
	liveState = $state<LiveState>('connecting');
	mode = $state<FillMode>('all');
	impact = $state.raw<CampaignImpact | null>(null);
	impactFailure = $state<string | null>(null);
	/** the map's impact fill: whose ratio colours a grid, for which category */
	impactLevel = $state<ImpactMapLevel>('village');
	impactCategory = $state<ImpactCategory>('all');
	readonly player: ReplayPlayer;
	incidents = $state<CampaignIncident[]>([]);
	knockNotice = $state<string | null>(null);
	#soon: ReturnType<typeof setTimeout> | undefined;

	/** `report`: where a failure goes besides the page (the map's status) */
	constructor(
		readonly id: number,
		private readonly api: CampaignApi,
		private readonly report: (message: string) => void = () => {}
	) {
		this.player = new ReplayPlayer(() => api.replay());
	}

	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- rebuilt whole by the derived, never mutated
	readonly index = $derived(new Map(this.visitedShare?.grid_id.map((id, i) => [id, i]) ?? []));
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- rebuilt whole by the derived, never mutated
	readonly blockName = $derived(new Map(this.progress?.blocks.map((b) => [b.id, b.name]) ?? []));
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- rebuilt whole by the derived, never mutated
	readonly teamName = $derived(new Map(this.progress?.teams.map((tm) => [tm.id, tm.name]) ?? []));
	/** each grid's impact row for the map's level and category */
	readonly gridImpact = $derived(
		this.impact && this.grids
			? gridRows(
					this.impact,
					this.grids.features.map((f) => f.properties),
					this.impactLevel,
					this.impactCategory
				)
			: NO_ROWS
	);
	readonly totals = $derived(this.progress?.totals);
	readonly target = $derived(this.progress?.campaign.target_share ?? 0.9);
	readonly series = $derived(
		this.progress
			? progressSeries(this.progress, this.progress.campaign.starts_on, today(this.progress.campaign.ends_on))
			: []
	);

	fail(e: unknown): void {
		this.failure = errorMessage(e);
		this.report(this.failure);
	}

	/** The load's parts as they arrive, and the incidents (not part of the load). */
	open(load: CampaignLoad): void {
		load.progress.then(
			(p) => (this.progress = p),
			(e) => this.fail(e)
		);
		load.grids.then(
			(g) => (this.grids = g),
			(e) => this.fail(e)
		);
		load.visitedShare.then(
			(c) => (this.visitedShare = c),
			(e) => this.fail(e)
		);
		this.api.incidents().then(
			(i) => (this.incidents = i),
			(e) => this.fail(e)
		);
		// worked out by the database in a second or two; the map's impact fill and the section share it
		this.api.impact().then(
			(r) => (this.impact = r),
			(e: unknown) => (this.impactFailure = errorMessage(e))
		);
	}

	/** The map's fill mode; the replay's changes are fetched the first time it is chosen. */
	setMode(mode: FillMode): void {
		this.mode = mode;
		if (mode === 'replay') void this.player.open();
		else this.player.pause();
	}

	/** The one refresh: figures and visitedShare together. */
	async refresh(): Promise<void> {
		try {
			const [p, c] = await Promise.all([this.api.progress(), this.api.visitedShare()]);
			this.progress = p;
			this.visitedShare = c;
			this.incidents = await this.api.incidents();
		} catch (e) {
			this.fail(e);
		}
	}

	/** Changes from the live channel: visits to this campaign refresh it, a burst once. */
	follow(changes: ChangeEvent[]): void {
		if (!changes.some((c) => c.kind === 'visit' && c.data.campaign_id === this.id)) return;
		clearTimeout(this.#soon);
		this.#soon = setTimeout(() => void this.refresh(), REFRESH_AFTER_MS);
	}

	dispose(): void {
		clearTimeout(this.#soon);
		this.player.dispose();
	}

	/** A week from today (China time) for the grid officer to knock the list's doors. */
	async spawn(incident: CampaignIncident): Promise<void> {
		const due = chinaDateIn(7);
		try {
			const r = await this.api.spawnKnockList(incident.id, due);
			this.knockNotice = t('campaign.knock_list_spawned', { n: r.households, due });
			this.incidents = await this.api.incidents();
		} catch (e) {
			this.knockNotice = errorMessage(e);
		}
	}

	/** What the map's tooltip says of a grid: its block, households visited, the vulnerable, the last visit. */
	gridTooltip(grid: {
		id: number;
		name: string;
		block_id: number;
	}): { title: string; lines: string[] } | null {
		const title = `${this.blockName.get(grid.block_id) ?? ''} · ${grid.name}`;
		if (this.mode === 'impact') return this.impactTooltip(grid.id, title);
		const visitedShare = this.visitedShare;
		const i = this.index.get(grid.id);
		if (!visitedShare || i === undefined) return null;
		const days = visitedShare.days_since[i];
		return {
			title,
			lines: [
				`${t('campaign.visited')} ${num(visitedShare.visited[i])}/${num(visitedShare.households[i])} (${pct(share(visitedShare.visited[i], visitedShare.households[i]))})`,
				`${t('campaign.vulnerable')} ${num(visitedShare.vulnerable_visited[i])}/${num(visitedShare.vulnerable[i])}`,
				days === null ? t('campaign.never') : t('campaign.days_since', { days })
			]
		};
	}

	impactTooltip(gridId: number, title: string): { title: string; lines: string[] } {
		const row = this.gridImpact.get(gridId);
		if (!row) return { title, lines: [t('campaign.impact_not_reached')] };
		const level = t(`campaign.impact_by_${this.impactLevel}`);
		return {
			title,
			lines: [
				`${level} · ${this.impactCategory === 'all' ? t('campaign.impact_all') : t(`incident.${this.impactCategory}`)}`,
				impactSentence(row),
				t('campaign.impact_counts_line', {
					before: num(row.before),
					after: num(row.after),
					cb: num(row.comparison_before),
					ca: num(row.comparison_after)
				})
			]
		};
	}
}

/** The chart runs to today, or to the end of a finished campaign. */
function today(ends: string): string {
	const d = chinaDate(Date.now());
	return d < ends ? d : ends;
}
