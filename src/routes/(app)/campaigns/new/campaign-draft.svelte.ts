// A campaign being planned, as state and rules without a browser: name, period, topics, target;
// the scope (villages ticked, grids clicked, an area drawn); blocks split evenly or drawn, with
// the scope grids no drawn block holds; teams. `plan()` turns it into what the API takes, or says
// what is wrong. campaigns/new/+page.svelte draws it; tests drive it.
import type { Polygon } from 'geojson';
import type { CampaignPlan } from '$lib/features/campaigns/campaign-types';
import { coverByBlocks, nextBlockNumber } from '$lib/features/campaigns/drawn-blocks';
import { parseMembers } from '$lib/features/campaigns/visitor-kind';
import { interiorPoint } from '$lib/geo/interior-point';
import { pointInAreal } from '$lib/geo/point-in-polygon';
import { num, t } from '$lib/i18n/locale.svelte';
import { CAMPAIGN_TOPICS, type CampaignTopic } from '$lib/types/domain';
import type { GridCollection, GridProps, VillageCollection } from '$lib/types/layers';
import { chinaDateIn } from '$lib/time/china-time';

type LonLat = [number, number];
export interface DrawnBlock {
	name: string;
	polygon: Polygon;
}
export interface TeamDraft {
	name: string;
	members: string;
	blocks: string;
}

/** A date `offsetDays` from today, China time, as the date inputs take it. */
export const dayFromToday = (offsetDays: number, now = Date.now()) => chinaDateIn(offsetDays, now);

export class CampaignDraft {
	villages = $state.raw<VillageCollection | null>(null);
	grids = $state.raw<GridCollection | null>(null);

	name = $state('');
	startsOn = $state(dayFromToday(0));
	endsOn = $state(dayFromToday(30));
	topics = $state<CampaignTopic[]>([...CAMPAIGN_TOPICS]);
	targetPct = $state(90);
	blockCount = $state(6);
	chosenVillages = $state<number[]>([]);
	extraGrids = $state<number[]>([]);
	/** an area drawn on the map: vertices while drawing, then the closed polygon */
	drawing = $state(false);
	vertices = $state<LonLat[]>([]);
	drawn = $state.raw<Polygon | null>(null);
	/** what the drawing in progress becomes: the scope or a block */
	drawingFor = $state<'scope' | 'block'>('scope');
	splitMode = $state<'even' | 'drawn'>('even');
	drawnBlocks = $state.raw<DrawnBlock[]>([]);
	teams = $state<TeamDraft[]>([]);

	readonly townships = $derived.by(() => {
		const byId: Record<number, { id: number; name: string; villages: { id: number; name: string }[] }> = {};
		for (const f of this.villages?.features ?? []) {
			const p = f.properties;
			byId[p.township_id] ??= { id: p.township_id, name: p.township, villages: [] };
			byId[p.township_id].villages.push({ id: p.id, name: p.name });
		}
		return Object.values(byId).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
	});
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- rebuilt whole by the derived, never mutated
	readonly villageSet = $derived(new Set(this.chosenVillages));
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- rebuilt whole by the derived, never mutated
	readonly extraSet = $derived(new Set(this.extraGrids));
	/** a point inside each grid: ST_PointOnSurface's, so a drawn line cutting a grid puts it on
	 * the same side here as in the database */
	readonly insidePoints = $derived(
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- rebuilt whole by the derived
		new Map(
			(this.grids?.features ?? []).map((f) => [
				f.properties.id,
				interiorPoint(f.geometry) ?? (f.geometry.coordinates[0][0][0] as LonLat)
			])
		)
	);
	readonly drawnGrids = $derived.by(() => {
		const ids: Record<number, true> = {};
		const drawn = this.drawn;
		if (drawn)
			for (const f of this.grids?.features ?? [])
				if (pointInAreal(this.insidePoints.get(f.properties.id)!, drawn)) ids[f.properties.id] = true;
		return ids;
	});
	readonly scope = $derived.by(() => {
		let grids = 0;
		let households = 0;
		for (const f of this.grids?.features ?? [])
			if (this.inScope(f.properties)) {
				grids++;
				households += f.properties.households;
			}
		return { grids, households };
	});
	/** drawn blocks: which block takes each scope grid, and which grids none takes */
	readonly cover = $derived(
		coverByBlocks(
			(this.grids?.features ?? [])
				.filter((f) => this.inScope(f.properties))
				.map((f) => ({ id: f.properties.id, at: this.insidePoints.get(f.properties.id)! })),
			this.drawnBlocks.map((b) => b.polygon)
		)
	);
	/** why drawn blocks cannot be submitted yet; null when they can */
	readonly blockProblem: string | null = $derived.by(() => {
		if (this.splitMode !== 'drawn') return null;
		if (!this.drawnBlocks.length) return t('campaign.blocks_none');
		if (this.cover.leftOut.length)
			return t('campaign.blocks_left_out', { n: num(this.cover.leftOut.length) });
		const empty = this.drawnBlocks.find((_, i) => this.cover.counts[i] === 0);
		if (empty) return t('campaign.block_empty_named', { name: empty.name });
		const names = this.drawnBlocks.map((b) => b.name.trim());
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a count, not state
		if (names.some((n) => !n) || new Set(names).size < names.length)
			return t('campaign.block_names_repeated');
		return null;
	});

	inScope(g: GridProps): boolean {
		return this.villageSet.has(g.village_id) || this.extraSet.has(g.id) || g.id in this.drawnGrids;
	}

	toggleTownship(villageIds: number[], on: boolean): void {
		const rest = this.chosenVillages.filter((v) => !villageIds.includes(v));
		this.chosenVillages = on ? [...rest, ...villageIds] : rest;
	}

	/** A grid clicked on the map joins or leaves the scope (its village ticked: it stays). */
	toggleGrid(g: GridProps): void {
		if (this.villageSet.has(g.village_id)) return;
		this.extraGrids = this.extraSet.has(g.id)
			? this.extraGrids.filter((x) => x !== g.id)
			: [...this.extraGrids, g.id];
	}

	startDrawing(what: 'scope' | 'block'): void {
		this.drawingFor = what;
		this.drawing = true;
		this.vertices = [];
		if (what === 'scope') this.drawn = null;
	}

	addVertex(at: LonLat): void {
		this.vertices = [...this.vertices, at];
	}

	cancelDrawing(): void {
		this.drawing = false;
		this.vertices = [];
	}

	/** Closes the drawing: the scope, or a new block named after the first free number. */
	finishDrawing(): void {
		this.drawing = false;
		if (this.vertices.length >= 3) {
			const polygon: Polygon = { type: 'Polygon', coordinates: [[...this.vertices, this.vertices[0]]] };
			if (this.drawingFor === 'scope') this.drawn = polygon;
			else {
				const nameOf = (n: number) => t('campaign.block_default', { n });
				const n = nextBlockNumber(
					this.drawnBlocks.map((b) => b.name),
					nameOf
				);
				this.drawnBlocks = [...this.drawnBlocks, { name: nameOf(n), polygon }];
			}
		}
		this.vertices = [];
	}

	renameBlock(i: number, name: string): void {
		this.drawnBlocks = this.drawnBlocks.map((b, j) => (j === i ? { ...b, name } : b));
	}

	removeBlock(i: number): void {
		this.drawnBlocks = this.drawnBlocks.filter((_, j) => j !== i);
	}

	/** What the API takes, or the message that says what is wrong first. */
	plan(): CampaignPlan | { problem: string } {
		const planTeams: CampaignPlan['teams'] = [];
		for (const tm of this.teams) {
			const parsed = parseMembers(tm.members);
			if (parsed.bad) return { problem: t('campaign.member_invalid', parsed.bad) };
			const blocks = tm.blocks
				.split(/[,，\s]+/)
				.filter(Boolean)
				// a number is the nth block: 第n区块 of the even split, the nth drawn block
				.map((n) =>
					!/^\d+$/.test(n)
						? n
						: this.splitMode === 'even'
							? `第${n}区块`
							: (this.drawnBlocks[Number(n) - 1]?.name.trim() ?? n)
				);
			planTeams.push({ name: tm.name.trim(), members: parsed.members, blocks });
		}
		if (this.blockProblem) return { problem: this.blockProblem };
		return {
			name: this.name,
			starts_on: this.startsOn,
			ends_on: this.endsOn,
			topics: this.topics,
			target_share: this.targetPct / 100,
			scope: {
				village_ids: this.chosenVillages,
				grid_ids: this.extraGrids,
				...(this.drawn ? { polygon: this.drawn } : {})
			},
			...(this.splitMode === 'drawn'
				? { blocks: this.drawnBlocks.map((b) => ({ name: b.name.trim(), polygon: b.polygon })) }
				: { block_count: this.blockCount }),
			teams: planTeams
		};
	}
}
