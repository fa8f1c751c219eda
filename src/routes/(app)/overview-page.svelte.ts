// The overview map's page as state and rules, without a browser: the layers switched on, the view
// and selection (what the link carries), the jurisdiction's data as it loads and as the live
// channel changes it, the selected grid's or village's facts, and a station head's tools (staff
// loads, recolouring after an assignment, accepted suggestions). (app)/+page.svelte draws it;
// tests drive it with a fake API.
import type { OfficerLoad } from '$lib/api/assignment-api';
import { ApiError } from '$lib/api/request';
import type { LiveClient, LiveClientOptions } from '$lib/features/live/live-client';
import { UpdateCadence } from '$lib/features/live/update-cadence';
import type { IconAtlas } from '$lib/features/policing/icon-atlas';
import { t } from '$lib/i18n/locale.svelte';
import { isMessageKey } from '$lib/i18n/translate';
import { geometryBounds } from '$lib/map/feature-bounds';
import type { MapView, Selection, UrlState } from '$lib/map/url-state';
import type { GridFacts, MapSummary, VillageFacts } from '$lib/types/layers';
import type { LiveState } from '$lib/types/live';
import type { Feature, MultiPolygon } from 'geojson';
import { TILE_MIN_ZOOM } from '$lib/types/tiles';
import type { LonLatBox } from '$lib/geo/tile-coordinates';
import { DEFAULT_LAYERS, type OverviewData, type OverviewLayer, type TiledLookups } from './overview-layers';
import { villageFigures } from './overview-tiles';
import { OverviewLive } from './overview-live';
import { PointsInView } from './points-in-view';

/** What the page asks of the server and the live channel (the APIs, or fakes in tests). */
export interface OverviewApi {
	summary(): Promise<MapSummary>;
	grids(): Promise<OverviewData['grids']>;
	gridFacts(id: number): Promise<GridFacts>;
	villageFacts(id: number): Promise<VillageFacts>;
	workload(): Promise<OfficerLoad[]>;
	/** officers and posts in a box [west, south, east, north] (a tiled overview's view) */
	pointsIn(box: LonLatBox): Promise<Pick<OverviewData, 'officers' | 'posts'>>;
	connect(options: LiveClientOptions): LiveClient;
}

/** What the page's load started: the frame shows at once, the data as it arrives. */
export interface OverviewLoad {
	summary: Promise<MapSummary>;
	layers: Promise<OverviewData>;
	icons: Promise<IconAtlas>;
}

export type FactsState =
	| { status: 'loading' }
	| { status: 'error'; message: string }
	| { status: 'grid'; facts: GridFacts }
	| { status: 'village'; facts: VillageFacts };

export type Officer = { id: number; name: string };

/** the headline figures follow live changes this far behind */
const SUMMARY_LAG_MS = 5000;
/** re-drawn grids are read again this long after the last announcement of a burst */
const PLAN_LAG_MS = 500;
const TOAST_MS = 4000;
/** officers newly responsible named from their grids' facts, one request each; more: the grids again */
const NAMES_BY_FACTS = 20;

export interface InViewOptions {
	/** the basemap's position back in WGS84 (a GCJ-02 basemap) */
	toData?: (p: [number, number]) => [number, number];
	/** the grids' states at once, whatever the zoom (a station head's tools need them) */
	eager?: boolean;
}

function errorText(error: unknown): string {
	if (error instanceof ApiError) {
		const key = `error.${error.key}`;
		return isMessageKey(key) ? t(key) : error.key;
	}
	return error instanceof Error ? error.message : String(error);
}

export class OverviewPage {
	enabled = $state<OverviewLayer[]>([...DEFAULT_LAYERS]);
	view = $state<MapView | null>(null);
	selection = $state<Selection | null>(null);
	summary = $state.raw<MapSummary | null>(null);
	layers = $state.raw<OverviewData | null>(null);
	icons = $state.raw<IconAtlas | null>(null);
	loadError = $state<string | null>(null);
	facts = $state<FactsState | null>(null);
	// the station head's tools: staff workload for the assigning panel, the suggestion review
	staff = $state.raw<OfficerLoad[] | null>(null);
	/** what the side panel shows when nothing is selected: a station head's list or suggestions */
	tool = $state<'grids' | 'suggest' | null>(null);
	/** bumped when grids change in place (assignments), which $state.raw cannot see */
	gridVersion = $state(0);
	/** bumped when villages or grids were re-drawn: tiled layers ask for their tiles again */
	tileEpoch = $state(0);
	/** a tiled overview holds its grids' states (asked for when a zoom first draws villages) */
	statesLoaded = $state(false);
	#statesAsked = false;
	#gridsAsked = 0;
	readonly #points = new PointsInView();
	#pointsAsked = 0;
	#live: OverviewLive | null = null;
	toast = $state<string | null>(null);
	liveState = $state<LiveState>('connecting');
	#toastTimer: ReturnType<typeof setTimeout> | undefined;
	#stopFollowing = () => {};

	/** `report`: where an error goes besides the page (the map's status) */
	constructor(
		initial: UrlState<OverviewLayer>,
		private readonly api: OverviewApi,
		private readonly report: (message: string) => void = () => {}
	) {
		this.enabled = initial.layers ?? [...DEFAULT_LAYERS];
		this.view = initial.view;
		this.selection = initial.selection;
	}

	readonly zoom = $derived(this.view?.zoom ?? 9);
	readonly countyName = $derived(
		this.layers?.counties.features.length === 1 ? this.layers.counties.features[0].properties.name : null
	);
	readonly selectedFeature = $derived(this.featureOf(this.selection));
	/** where the selection is: its outline's box, or on a tiled map (no outline) its facts' box */
	readonly selectionBounds = $derived.by((): LonLatBox | null => {
		const feature = this.selectedFeature;
		if (feature) return geometryBounds(feature.geometry);
		const sel = this.selection;
		const f = this.facts;
		// the facts' box only where no outline will come (a past day's outline may differ from today's)
		return this.layers?.tiled &&
			sel &&
			(f?.status === 'grid' || f?.status === 'village') &&
			f.status === sel.kind &&
			f.facts.id === sel.id
			? f.facts.bbox
			: null;
	});
	/** the tiled map's lookups: each grid's state and each village's figures, by id */
	// the grids alone: incidents and officers arriving live replace `layers`, not the grids, and
	// must not rebuild a province's lookups
	readonly #tiledGrids = $derived(this.layers?.tiled ? this.layers.grids : null);
	readonly tiles = $derived.by((): TiledLookups | null => {
		const grids = this.#tiledGrids;
		if (!grids || !this.statesLoaded || this.gridVersion < 0) return null;
		return {
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- rebuilt whole by the derived, never mutated
			grids: new Map(grids.features.map((f) => [f.properties.id, f.properties])),
			villages: villageFigures(grids)
		};
	});
	readonly villageNames = $derived(
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- rebuilt whole by the derived, never mutated
		new Map(this.layers?.villages.features.map((f) => [f.properties.id, f.properties.name]) ?? [])
	);
	// gridVersion: assignments change the features in place, which $state.raw cannot see
	readonly unassignedInView = $derived(
		this.gridVersion >= 0
			? (this.layers?.grids.features.filter((f) => f.properties.officer_id === null).length ?? 0)
			: 0
	);
	readonly panelTitle = $derived(
		this.facts?.status === 'grid' || this.facts?.status === 'village'
			? this.facts.facts.name
			: (this.selectedFeature?.properties.name ??
					(this.facts?.status === 'error' ? `#${this.selection?.id}` : t('panel.loading')))
	);

	/** What the link carries now; the layers only when they differ from the default. */
	get urlState(): UrlState<OverviewLayer> {
		const enabled = this.enabled;
		return {
			view: this.view,
			layers:
				enabled.length === DEFAULT_LAYERS.length && DEFAULT_LAYERS.every((l) => enabled.includes(l))
					? null
					: enabled,
			selection: this.selection
		};
	}

	featureOf(sel: Selection | null): Feature<MultiPolygon, { name: string }> | null {
		if (!sel || !this.layers) return null;
		const collection = sel.kind === 'grid' ? this.layers.grids : this.layers.villages;
		const feature = collection.features.find((f) => f.properties.id === sel.id);
		// a tiled grid has no outline here (the tiles draw it): nothing to fit to or outline
		return feature && feature.geometry.coordinates.length > 0 ? feature : null;
	}

	/** The middle of a grid's bounds: where the assigning panel measures officers' distance from. */
	gridPoint(id: number): [number, number] | null {
		const feature = this.layers?.grids.features.find((f) => f.properties.id === id);
		const facts = this.facts?.status === 'grid' && this.facts.facts.id === id ? this.facts.facts : null;
		const box =
			feature && feature.geometry.coordinates.length > 0
				? geometryBounds(feature.geometry)
				: (facts?.bbox ?? null); // a tiled grid: its facts say where it is
		if (!box) return null;
		const [w, s, e, n] = box;
		return [(w + e) / 2, (s + n) / 2];
	}

	announce(message: string): void {
		this.toast = message;
		clearTimeout(this.#toastTimer);
		this.#toastTimer = setTimeout(() => (this.toast = null), TOAST_MS);
	}

	#failLoad(e: unknown): void {
		this.loadError = errorText(e);
		this.report(this.loadError);
	}

	/** The load's parts as they arrive; with the layers, the live channel starts. */
	open(load: OverviewLoad): void {
		load.summary.then(
			(s) => {
				performance.mark('gpm:summary');
				this.summary = s;
			},
			(e) => this.#failLoad(e)
		);
		// the symbols with the layers, so the frame that draws the data has them
		Promise.all([load.layers, load.icons]).then(
			([l, i]) => {
				performance.mark('gpm:layers');
				this.icons = i;
				this.layers = l;
				this.#follow(l);
			},
			(e) => this.#failLoad(e)
		);
	}

	// Live: incidents, officer positions and other heads' assignments reach this map as they
	// happen; drawn together, at most once per repaint-cost gap (UpdateCadence says why).
	#follow(initial: OverviewData): void {
		const live = (this.#live = new OverviewLive(initial));
		let summaryTimer: ReturnType<typeof setTimeout> | undefined;
		const cadence = new UpdateCadence(() => {
			if (!this.layers) return;
			const next = live.apply(this.layers);
			this.layers = next.data;
			if (next.gridsChanged) this.gridVersion += 1;
			// officers newly responsible whose names this map does not hold
			this.#nameOfficers(next.unnamed);
		});
		let planTimer: ReturnType<typeof setTimeout> | undefined;
		const readGrids = () => {
			clearTimeout(planTimer);
			planTimer = setTimeout(() => {
				// re-drawn grids need their tiles again; a tiled map that holds no states yet
				// reads them when a zoom first needs them
				if (this.layers?.tiled) this.tileEpoch += 1;
				if (!this.layers?.tiled || this.#statesAsked)
					this.#loadGrids().catch((e: unknown) => this.report(errorText(e)));
			}, PLAN_LAG_MS);
		};
		const client = this.api.connect({
			onChanges: (changes) => {
				// re-drawn grids (another head's 网格调整): the grid layer is read again, once
				// for a burst of them
				if (changes.some((c) => c.kind === 'grid_plan')) readGrids();
				if (!live.take(changes)) return;
				cadence.request(changes.length);
				// the headline figures follow a few seconds behind
				clearTimeout(summaryTimer);
				summaryTimer = setTimeout(
					() =>
						this.api.summary().then(
							(s) => (this.summary = s),
							(e) => this.report(errorText(e))
						),
					SUMMARY_LAG_MS
				);
			},
			onState: (s) => (this.liveState = s),
			onReload: () => location.reload()
		});
		this.#stopFollowing = () => {
			client.close();
			cadence.cancel();
			clearTimeout(summaryTimer);
			clearTimeout(planTimer);
		};
	}

	/** The grids (their states on a tiled map) read again; an answer overtaken by a later one is dropped. */
	async #loadGrids(): Promise<void> {
		const asked = ++this.#gridsAsked;
		const grids = await this.api.grids();
		if (asked !== this.#gridsAsked) return;
		if (this.layers) this.layers = { ...this.layers, grids };
		this.gridVersion += 1;
		this.statesLoaded = true;
	}

	/**
	 * Names officers newly responsible for grids whose names the map does not hold (a tiled map
	 * holds the officers in view): from each grid's facts, a few at a time; past that many, the
	 * grids again.
	 */
	#nameOfficers(gridIds: readonly number[]): void {
		if (gridIds.length > NAMES_BY_FACTS) {
			this.#loadGrids().catch((e: unknown) => this.report(errorText(e)));
			return;
		}
		for (const id of gridIds)
			this.api.gridFacts(id).then(
				(facts) => {
					const primary = facts.officers.find((o) => o.role === 'primary');
					if (primary && this.layers && OverviewLive.named(this.layers, id, primary.id, primary.name))
						this.gridVersion += 1;
				},
				(e) => this.report(errorText(e))
			);
	}

	/**
	 * What a tiled overview loads as the camera reaches it: the grids' states once a zoom draws
	 * villages or grids, and the officers and posts around the view (the map is `width`×`height`).
	 */
	loadInView(width: number, height: number, { toData = (p) => p, eager = false }: InViewOptions = {}): void {
		const view = this.view;
		if (!this.layers?.tiled || !view) return;
		// a station head's tools count and list the grids: theirs load at once
		if (!this.#statesAsked && (eager || view.zoom >= TILE_MIN_ZOOM.villages)) {
			this.#statesAsked = true;
			this.#loadGrids().catch((e: unknown) => {
				this.#statesAsked = false;
				this.report(errorText(e));
			});
		}
		if (!this.enabled.includes('officers') && !this.enabled.includes('stations')) return;
		// the camera's centre is the basemap's (GCJ-02 for vendor tiles); the box asked for is WGS84
		const box = this.#points.next({ ...view, center: toData(view.center) }, width, height);
		if (!box) return;
		const asked = ++this.#pointsAsked;
		this.api.pointsIn(box).then(
			// an answer overtaken by a later view's is dropped; officers stand where last reported
			(points) => {
				if (asked !== this.#pointsAsked || !this.layers) return;
				const officers = this.#live ? this.#live.placed(points.officers) : points.officers;
				this.layers = { ...this.layers, ...points, officers };
			},
			(e) => {
				if (asked === this.#pointsAsked) this.#points.forget();
				this.report(errorText(e));
			}
		);
	}

	dispose(): void {
		this.#stopFollowing();
		clearTimeout(this.#toastTimer);
	}

	/**
	 * Fetches the selected grid's or village's facts; returns what cancels the answer when the
	 * selection moves on first.
	 */
	loadFacts(): () => void {
		const sel = this.selection;
		if (!sel) {
			this.facts = null;
			return () => {};
		}
		let current = true;
		this.facts = { status: 'loading' };
		const request: Promise<FactsState> =
			sel.kind === 'grid'
				? this.api.gridFacts(sel.id).then((f) => ({ status: 'grid', facts: f }))
				: this.api.villageFacts(sel.id).then((f) => ({ status: 'village', facts: f }));
		request.then(
			(f) => current && (this.facts = f),
			(e) =>
				current &&
				(this.facts = {
					status: 'error',
					message:
						e instanceof ApiError && e.status === 404
							? t('panel.not_found')
							: t('panel.failed', { detail: errorText(e) })
				})
		);
		return () => {
			current = false;
		};
	}

	/** The staff's loads, once, when a station head first selects a grid. */
	loadStaff(): void {
		if (this.selection?.kind === 'grid' && this.staff === null)
			this.api.workload().then(
				(s) => (this.staff = s),
				(e) => this.report(errorText(e))
			);
	}

	/** A selection closes the station head's list or suggestions. */
	select(next: Selection | null): void {
		this.selection = next;
		if (next) this.tool = null;
	}

	/** Opens a station head's tool in the side panel, in place of any selection. */
	openTool(tool: 'grids' | 'suggest'): void {
		this.select(null);
		this.tool = tool;
	}

	toggle(layer: OverviewLayer): void {
		const enabled = this.enabled;
		this.enabled = enabled.includes(layer) ? enabled.filter((l) => l !== layer) : [...enabled, layer];
	}

	/** Recolour a grid whose responsible officer changed; only the fill colours recompute. */
	recolour(gridId: number, primary: Officer | null): void {
		const feature = this.layers?.grids.features.find((f) => f.properties.id === gridId);
		if (!feature) return;
		feature.properties.officer_id = primary?.id ?? null;
		feature.properties.officer = primary?.name ?? null;
		this.gridVersion += 1;
	}

	/**
	 * After the head changed a grid: the colour at once (the database has said yes), then its
	 * facts, the staff loads and the totals as the database now has them.
	 */
	async assignmentChanged(message: string, primary?: Officer | null): Promise<void> {
		this.announce(message);
		const sel = this.selection;
		if (!this.layers || sel?.kind !== 'grid') return;
		if (primary !== undefined) this.recolour(sel.id, primary);
		const fresh = await this.api.gridFacts(sel.id);
		if (this.selection === sel) this.facts = { status: 'grid', facts: fresh };
		const now = fresh.officers.find((o) => o.role === 'primary') ?? null;
		const shown =
			this.layers.grids.features.find((f) => f.properties.id === fresh.id)?.properties.officer_id ?? null;
		if ((now?.id ?? null) !== shown) this.recolour(fresh.id, now);
		[this.staff, this.summary] = await Promise.all([this.api.workload(), this.api.summary()]);
	}

	async suggestionsAccepted(count: number): Promise<void> {
		this.announce(t('suggest.accepted', { n: count }));
		this.tool = null;
		const [, s, w] = await Promise.all([this.#loadGrids(), this.api.summary(), this.api.workload()]);
		this.summary = s;
		this.staff = w;
	}

	/** How many features of each layer the map holds (the map status the browser tests read). */
	figures(): Record<string, number> | null {
		const layers = this.layers;
		if (!layers) return null;
		return {
			counties: layers.counties.features.length,
			townships: layers.townships.features.length,
			villages: layers.villages.features.length,
			grids: layers.grids.features.length,
			stations: layers.stations.id.length,
			posts: layers.posts.id.length,
			officers: layers.officers.id.length,
			incidents: layers.incidents.id.length
		};
	}
}
