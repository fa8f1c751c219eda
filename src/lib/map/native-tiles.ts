// The app's vector tiles (/api/tiles) drawn by MapLibre itself rather than by deck.gl's MVTLayer.
// Software WebGL (Chromium without a graphics card) spends about 12 µs on each deck.gl instance,
// and deck.gl draws a tile's outlines as one instance per segment: a province's grids and villages
// at zoom 11 took 1.8 s a frame. MapLibre parses tiles in its worker and draws each tile's fills
// and their outlines in a few calls. A fill that follows live data (a grid's officer) is a colour per
// feature id held as feature state, so it changes with no new tile.
import type { Color, PickingInfo } from '@deck.gl/core';
import type {
	ExpressionSpecification,
	FillLayerSpecification,
	Map as MapLibreMap,
	GeoJSONFeature,
	MapGeoJSONFeature,
	VectorTileSource
} from 'maplibre-gl';
import { cssColour } from './css-colour';
import { OUTLINE_ANCHOR } from './native-outlines';
import { TILE_OUTLINE, type StateTileOptions } from './vector-tiles';
import type { TiledLayer } from '$lib/types/tiles';
import { TILE_MAX_ZOOM, TILE_MIN_ZOOM } from '$lib/types/tiles';

/** Each feature's fill colour by id, read again when `version` changes. */
export interface ColoursById {
	version: unknown;
	/** [feature id, CSS colour]; an id left out is not filled */
	each: () => Iterable<readonly [number, string]>;
}

/**
 * Colours by id from each feature's state (`fill` as a deck.gl layer's getFillColor takes it);
 * a clear colour leaves the feature unfilled. The states are filled in place: `version` and their
 * number say when to read them again.
 */
export function coloursById<S>(
	states: ReadonlyMap<number, S>,
	version: number,
	fill: (state: S) => Color
): ColoursById {
	return {
		version: `${version}:${states.size}`,
		*each() {
			for (const [id, state] of states) {
				const c = fill(state);
				if ((c[3] ?? 255) > 0) yield [id, cssColour(c)] as const;
			}
		}
	};
}

export interface NativeTiles {
	/** the layer as pages know it ('grids'): picks name it, as a deck.gl layer's id */
	id: string;
	/** the tiles drawn: /api/tiles/<layer>/{z}/{x}/{y} */
	layer: TiledLayer;
	/** asks for the tiles again when it changes (the server's layer version moved) */
	epoch: number;
	minzoom: number;
	/** by id (feature state), by the tile's attributes (an expression), or not filled */
	fill: ColoursById | ExpressionSpecification | null;
	/**
	 * CSS colour of the outline, one device pixel wide: the fill's own antialiasing lines
	 * (fill-outline-color), which cost software WebGL next to nothing; a line layer of a province's
	 * tiles cost 50 ms a frame
	 */
	outline: string;
	/** answers clicks and hovers; the feature under the pointer is lightened */
	pickable: boolean;
	selectedId: number | null;
	/** the tiles in view have loaded: `features` reads what they hold (a feature once per tile) */
	onLoaded?: (features: () => GeoJSONFeature[]) => void;
}

/**
 * Polygons from tiles filled by their state by id, as stateTileLayer (vector-tiles.ts) draws them
 * with deck.gl: the tile holds outlines and names, the fill comes from `states`.
 */
export function stateTiles<S>(opts: Omit<StateTileOptions<S>, 'shift'>): NativeTiles {
	return {
		id: opts.id,
		layer: opts.layer,
		epoch: opts.epoch ?? 0,
		minzoom: TILE_MIN_ZOOM[opts.layer],
		fill: coloursById(opts.states, opts.version, opts.fill),
		outline: cssColour(TILE_OUTLINE),
		pickable: true,
		selectedId: opts.selectedId,
		onLoaded: opts.onLoaded
	};
}

const sourceId = (layer: TiledLayer) => `tiles-${layer}`;
const fillId = (id: string) => `tiles-${id}-fill`;
/** how far a feature under the pointer or selected goes towards white (deck.gl's autoHighlight) */
const GLOW = 0.35;

const byId = (fill: NativeTiles['fill']): fill is ColoursById =>
	fill !== null && !Array.isArray(fill) && typeof fill === 'object';

function tileUrl(layer: TiledLayer, epoch: number, origin: string): string {
	// MapLibre fetches from its worker, which has no page to resolve a relative address against
	return `${origin}/api/tiles/${layer}/{z}/{x}/{y}${epoch ? `?v=${epoch}` : ''}`;
}

/** the feature's lightening under the pointer or when selected (as deck.gl's autoHighlight) */
const LIT: ExpressionSpecification = [
	'any',
	['boolean', ['feature-state', 'hover'], false],
	['boolean', ['feature-state', 'selected'], false]
];

/** A colour mixed GLOW of the way to white, in the expression (the fill may come from state). */
function lightened(colour: ExpressionSpecification | string): ExpressionSpecification {
	const channel = (i: number): ExpressionSpecification => [
		'+',
		['*', ['at', i, ['var', 'rgba']], 1 - GLOW],
		i < 3 ? 255 * GLOW : GLOW
	];
	return [
		'let',
		'rgba',
		['to-rgba', colour],
		['case', LIT, ['rgba', channel(0), channel(1), channel(2), channel(3)], colour]
	];
}

function fillColour(t: NativeTiles): ExpressionSpecification | string {
	const base: ExpressionSpecification | string = byId(t.fill)
		? ['to-color', ['coalesce', ['feature-state', t.id], 'rgba(0,0,0,0)']]
		: (t.fill ?? 'rgba(0,0,0,0)');
	return t.pickable ? lightened(base) : base;
}

/**
 * A tiled layer as one MapLibre fill: lightened under the pointer in the same colour, and
 * outlined by its antialiasing lines. Software WebGL spends about 30 ms a frame on each layer
 * that covers a 1920×1080 screen, so each pass left out counts.
 */
export function nativeTileLayer(t: NativeTiles): FillLayerSpecification {
	return {
		id: fillId(t.id),
		type: 'fill',
		source: sourceId(t.layer),
		'source-layer': t.layer,
		minzoom: t.minzoom,
		paint: { 'fill-color': fillColour(t), 'fill-outline-color': t.outline }
	};
}

/**
 * A picked MapLibre feature in deck.gl's picking shape, so pages explain and select it as they do
 * a deck.gl object: `layer.id` is the tiled layer's id and `object.properties` the tile's
 * attributes with the feature's id. Only `id` is set on `layer`.
 */
function pickingInfo(base: PickingInfo, id: string, f: MapGeoJSONFeature): PickingInfo {
	return {
		...base,
		picked: true,
		index: 0,
		layer: { id } as unknown as PickingInfo['layer'],
		object: { properties: { ...f.properties, id: f.id } }
	};
}

/**
 * Keeps a map's tiled layers as last given: sources and layers are made on first use and hidden,
 * not removed, when a layer is switched off (its tiles stay cached); fills by id are sent as
 * feature state, only the ids whose colour changed.
 */
export class NativeTileLayers {
	private shown: NativeTiles[] = [];
	private readonly epochs = new Map<TiledLayer, number>();
	private readonly made = new Set<string>();
	private readonly colours = new Map<string, { version: unknown; applied: Map<number, string> }>();
	private readonly selected = new Map<string, number | null>();
	/** tiles arrived or the view moved since a layer's onLoaded was last called */
	private readonly stale = new Set<TiledLayer>();
	private hovered: { layer: TiledLayer; id: number } | null = null;

	constructor(private readonly origin: string) {}

	/** Follows the map's loads: call once, when the style has loaded. */
	attach(map: MapLibreMap): void {
		map.on('sourcedata', (e) => {
			const layer = this.shown.find((t) => sourceId(t.layer) === e.sourceId)?.layer;
			if (layer && e.tile) this.stale.add(layer);
		});
		map.on('moveend', () => this.shown.forEach((t) => this.stale.add(t.layer)));
		map.on('idle', () => this.reportLoaded(map));
	}

	update(map: MapLibreMap, tiles: readonly NativeTiles[]): void {
		const made = this.made.size;
		for (const t of tiles) this.show(map, t);
		// a layer made later went on top: the order given is the order drawn
		if (this.made.size !== made) for (const t of tiles) map.moveLayer(fillId(t.id), OUTLINE_ANCHOR);
		for (const old of this.shown)
			if (!tiles.some((t) => t.id === old.id)) map.setLayoutProperty(fillId(old.id), 'visibility', 'none');
		for (const t of tiles) if (!this.shown.some((s) => s.id === t.id)) this.stale.add(t.layer);
		this.shown = [...tiles];
	}

	private show(map: MapLibreMap, t: NativeTiles): void {
		const source = sourceId(t.layer);
		if (!map.getSource(source)) {
			map.addSource(source, {
				type: 'vector',
				tiles: [tileUrl(t.layer, t.epoch, this.origin)],
				minzoom: 0,
				maxzoom: TILE_MAX_ZOOM
			});
			this.epochs.set(t.layer, t.epoch);
		} else if (this.epochs.get(t.layer) !== t.epoch) {
			(map.getSource(source) as VectorTileSource).setTiles([tileUrl(t.layer, t.epoch, this.origin)]);
			this.epochs.set(t.layer, t.epoch);
		}
		if (!this.made.has(t.id)) {
			// in the order given, under the county and township outlines
			map.addLayer(nativeTileLayer(t), OUTLINE_ANCHOR);
			this.made.add(t.id);
		} else {
			const before = this.shown.find((s) => s.id === t.id);
			map.setLayoutProperty(fillId(t.id), 'visibility', 'visible');
			if (!before || JSON.stringify(fillColour(before)) !== JSON.stringify(fillColour(t)))
				map.setPaintProperty(fillId(t.id), 'fill-color', fillColour(t));
		}
		this.recolour(map, t);
		this.select(map, t);
	}

	private recolour(map: MapLibreMap, t: NativeTiles): void {
		if (!byId(t.fill)) return;
		const held = this.colours.get(t.id) ?? { version: undefined, applied: new Map<number, string>() };
		this.colours.set(t.id, held);
		if (held.version === t.fill.version) return;
		held.version = t.fill.version;
		const target = { source: sourceId(t.layer), sourceLayer: t.layer };
		const seen = new Set<number>();
		for (const [id, colour] of t.fill.each()) {
			seen.add(id);
			if (held.applied.get(id) === colour) continue;
			held.applied.set(id, colour);
			map.setFeatureState({ ...target, id }, { [t.id]: colour });
		}
		for (const id of held.applied.keys())
			if (!seen.has(id)) {
				held.applied.delete(id);
				map.removeFeatureState({ ...target, id }, t.id);
			}
	}

	private select(map: MapLibreMap, t: NativeTiles): void {
		const before = this.selected.get(t.id) ?? null;
		if (before === t.selectedId) return;
		const target = { source: sourceId(t.layer), sourceLayer: t.layer };
		if (before !== null) map.setFeatureState({ ...target, id: before }, { selected: false });
		if (t.selectedId !== null) map.setFeatureState({ ...target, id: t.selectedId }, { selected: true });
		this.selected.set(t.id, t.selectedId);
	}

	private reportLoaded(map: MapLibreMap): void {
		for (const t of this.shown) {
			const source = sourceId(t.layer);
			if (!this.stale.has(t.layer) || !t.onLoaded || map.getZoom() < t.minzoom) continue;
			if (!map.isSourceLoaded(source)) continue;
			this.stale.delete(t.layer);
			t.onLoaded(() => map.querySourceFeatures(source, { sourceLayer: t.layer }));
		}
	}

	/** The topmost pickable tiled feature at a point, in deck.gl's picking shape; null if none. */
	pick(map: MapLibreMap, base: PickingInfo): PickingInfo | null {
		const pickable = this.shown.filter((t) => t.pickable && map.getZoom() >= t.minzoom);
		if (pickable.length === 0) return null;
		const [f] = map.queryRenderedFeatures([base.x, base.y], { layers: pickable.map((t) => fillId(t.id)) });
		const t = f && pickable.find((p) => fillId(p.id) === f.layer.id);
		return t && typeof f.id === 'number' ? pickingInfo(base, t.id, f) : null;
	}

	/** Lightens the feature a pick landed on (null: none), as deck.gl's autoHighlight does. */
	hover(map: MapLibreMap, info: PickingInfo | null): void {
		const t = info?.layer && this.shown.find((s) => s.id === info.layer!.id);
		const id = (info?.object as { properties?: { id?: number } } | undefined)?.properties?.id;
		const next = t && typeof id === 'number' ? { layer: t.layer, id } : null;
		if (next?.layer === this.hovered?.layer && next?.id === this.hovered?.id) return;
		if (this.hovered)
			map.setFeatureState(
				{ source: sourceId(this.hovered.layer), sourceLayer: this.hovered.layer, id: this.hovered.id },
				{ hover: false }
			);
		if (next)
			map.setFeatureState(
				{ source: sourceId(next.layer), sourceLayer: next.layer, id: next.id },
				{ hover: true }
			);
		this.hovered = next;
	}
}
