// The overview's villages and grids from vector tiles (overview-tiles.ts says when): which tiled
// layers a view draws (TILE_MIN_ZOOM), the layers themselves, the village names their tiles
// bring, and whether every tiled layer shown has drawn the view (the map's readiness). MapLibre
// draws them; deck.gl does on a shifted (GCJ-02) basemap, since MapLibre cannot shift a tile.
import type { Layer } from '@deck.gl/core';
import { gridTileLayer, gridTiles } from '$lib/features/assignments/grid-tile-layer';
import { visitedShareTileLayer, visitedShareTiles } from '$lib/features/campaigns/visited-share-layer';
import type { PlaceLabel } from '$lib/features/places/boundary-layers';
import { villageTileLayer, villageTiles } from '$lib/features/places/village-tile-layer';
import type { NativeTiles } from '$lib/map/native-tiles';
import type { Selection } from '$lib/map/url-state';
import type { Shift } from '$lib/map/vector-tiles';
import type { GridProps } from '$lib/types/layers';
import { POINTS_MIN_ZOOM, TILE_MIN_ZOOM } from '$lib/types/tiles';
import type { OverviewLayer, TiledLookups } from './overview-layers';

const TILED = ['villages', 'grids', 'campaign'] as const;
const NO_STATES: ReadonlyMap<number, GridProps> = new Map();
type TiledOverviewLayer = (typeof TILED)[number];

export interface TiledView {
	enabled: readonly OverviewLayer[];
	zoom: number;
	/** the grids' states and villages' figures: no tiled layer is drawn without them */
	tiles: TiledLookups | null;
}

export class TiledOverview {
	/** the names of the villages in view, as their tiles load */
	labels = $state.raw<PlaceLabel[]>([]);
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- read by the readiness check only, never rendered
	readonly #drawn = new Set<TiledOverviewLayer>();

	/**
	 * `shift`: the basemap's (GCJ-02), which the tiles follow; `drawn`: a tiled layer's tiles have
	 * loaded, and are drawn with the next frame
	 */
	constructor(
		private readonly shift: Shift | undefined,
		private readonly drawn: () => void
	) {}

	/** The tiled layers switched on for this zoom (below its zoom a layer is not drawn). */
	#wanted({ enabled, zoom }: TiledView): TiledOverviewLayer[] {
		return TILED.filter(
			(l) => enabled.includes(l) && zoom >= TILE_MIN_ZOOM[l === 'villages' ? 'villages' : 'grids']
		);
	}

	/** The tiled layers drawn: those switched on for this zoom, once the states are here. */
	inView(view: TiledView): TiledOverviewLayer[] {
		return view.tiles ? this.#wanted(view) : [];
	}

	/** Grids, the campaign, officers or posts are switched on but this zoom is too far out for them. */
	tooFar({ enabled, zoom }: TiledView): boolean {
		const on = (l: OverviewLayer) => enabled.includes(l);
		return (
			((on('grids') || on('campaign')) && zoom < TILE_MIN_ZOOM.grids) ||
			((on('officers') || on('stations')) && zoom < POINTS_MIN_ZOOM)
		);
	}

	/** Every tiled layer in view has drawn it once. */
	allDrawn(view: TiledView): boolean {
		const wanted = this.#wanted(view);
		return wanted.length === 0 || (view.tiles !== null && wanted.every((l) => this.#drawn.has(l)));
	}

	#loaded(layer: TiledOverviewLayer): () => void {
		return () => {
			this.#drawn.add(layer);
			this.drawn();
		};
	}

	layers(
		view: TiledView & {
			version: number;
			epoch: number;
			selection: Selection | null;
			/** villages filled by township (no grids over them) */
			tinted: boolean;
		}
	): { deck: Layer[]; native: NativeTiles[] } {
		const { version, epoch, selection, tinted } = view;
		const shown = this.inView(view);
		const states = view.tiles?.grids ?? NO_STATES;
		const grids = { states, version, epoch, selectedId: selection?.kind === 'grid' ? selection.id : null };
		const villages = {
			tinted,
			selectedId: selection?.kind === 'village' ? selection.id : null,
			epoch,
			onLabels: (labels: PlaceLabel[]) => (this.labels = labels),
			onLoaded: this.#loaded('villages')
		};
		const on = (l: TiledOverviewLayer) => shown.includes(l);
		if (!this.shift)
			return {
				deck: [],
				native: [
					on('villages') ? villageTiles(villages) : null,
					on('grids') ? gridTiles({ ...grids, onLoaded: this.#loaded('grids') }) : null,
					on('campaign') ? visitedShareTiles({ ...grids, onLoaded: this.#loaded('campaign') }) : null
				].filter((t): t is NativeTiles => t !== null)
			};
		const shift = this.shift;
		const deck: (Layer | null)[] = [
			on('villages') ? villageTileLayer({ ...villages, shift }) : null,
			on('grids') ? gridTileLayer({ ...grids, shift, onLoaded: this.#loaded('grids') }) : null,
			on('campaign') ? visitedShareTileLayer({ ...grids, shift, onLoaded: this.#loaded('campaign') }) : null
		];
		return { deck: deck.filter((l): l is Layer => l !== null), native: [] };
	}
}
