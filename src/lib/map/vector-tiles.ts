// What every vector-tile layer of the map shares (deck.gl's MVTLayer over the app's own tiles,
// /api/tiles): no request leaves the origin; tiles are parsed on the page's thread, since
// loaders.gl would otherwise fetch its parser worker from a CDN, which a police network does not
// reach; a feature cut across tiles is one feature (its `id`), so it picks and highlights as one.
import { MVTLayer } from '@deck.gl/geo-layers';
import { GeoJsonLayer } from '@deck.gl/layers';
import { MVTLoader } from '@loaders.gl/mvt';
import type { Color } from '@deck.gl/core';
import { mercatorX, mercatorY } from '$lib/geo/tile-coordinates';
import type { TiledLayer } from '$lib/types/tiles';
import { TILE_MAX_ZOOM } from '$lib/types/tiles';

/** a tiled polygon's outline (grids), in deck.gl's drawing and MapLibre's */
export const TILE_OUTLINE: Color = [255, 255, 255, 200];

/**
 * `epoch` changes when the tiles must be asked for again (villages or grids were re-drawn): the
 * server answers from its cache until its layer version moves, so asking costs little.
 */
export function vectorTileProps(layer: TiledLayer, epoch = 0, shift?: Shift) {
	return {
		...(shift ? { renderSubLayers: shiftedTile(shift) } : {}),
		data: `/api/tiles/${layer}/{z}/{x}/{y}${epoch ? `?v=${epoch}` : ''}`,
		minZoom: 0,
		maxZoom: TILE_MAX_ZOOM,
		uniqueIdProperty: 'id',
		binary: true,
		// the parser itself, not MVTLayer's default worker loader (which only runs in a worker)
		loaders: [MVTLoader],
		loadOptions: { core: { worker: false } },
		// the tiles already drawn stay while the next zoom's load, so panning shows no holes
		refinementStrategy: 'best-available' as const
	};
}

/** A WGS84 point as the basemap draws it (GCJ-02 vendor tiles), for tiles drawn over it. */
export type Shift = (p: [number, number]) => [number, number];

const WORLD_SIZE = 512;

/**
 * Each tile moved by the basemap's shift at its middle. GCJ-02's offset drifts a few metres
 * across a tile of zoom 14 (gcj02.ts measures it), about a pixel there; whole GeoJSON layers are
 * shifted per vertex instead.
 */
function shiftedTile(shift: Shift) {
	return (props: Record<string, unknown> & { tile: { boundingBox: number[][] } }) => {
		const origin = props.coordinateOrigin as number[] | undefined;
		if (origin) {
			const [[w, s], [e, n]] = props.tile.boundingBox;
			const middle: [number, number] = [(w + e) / 2, (s + n) / 2];
			const [lon, lat] = shift(middle);
			props.coordinateOrigin = [
				origin[0] + (mercatorX(lon) - mercatorX(middle[0])) * WORLD_SIZE,
				origin[1] + (mercatorY(middle[1]) - mercatorY(lat)) * WORLD_SIZE,
				0
			];
		}
		return new GeoJsonLayer(props);
	};
}

export interface StateTileOptions<S> {
	/** the layer's id: the GeoJSON layer's it stands in for, so tooltips and picking are the same */
	id: string;
	layer: TiledLayer;
	/** each feature's state by id, changed in place (live); `version` is bumped when it changes */
	states: ReadonlyMap<number, S>;
	version: number;
	fill: (state: S | undefined) => Color;
	selectedId: number | null;
	epoch?: number;
	/** the tiles that cover the view have loaded (and are drawn with the next frame) */
	onLoaded?: () => void;
	/** the basemap's shift (GCJ-02), when it has one */
	shift?: Shift;
}

/**
 * Polygons from tiles filled by their state by id: the tile holds outlines and names, the fill
 * comes from `states`, so a state that changes recolours a feature with no new tile.
 */
export function stateTileLayer<S>({
	id,
	layer,
	states,
	version,
	fill,
	selectedId,
	epoch = 0,
	onLoaded,
	shift
}: StateTileOptions<S>) {
	return new MVTLayer<{ id: number }>({
		...vectorTileProps(layer, epoch, shift),
		id,
		filled: true,
		stroked: true,
		getFillColor: (f) => fill(states.get(f.properties.id)),
		getLineColor: TILE_OUTLINE,
		lineWidthUnits: 'pixels',
		getLineWidth: 1,
		pickable: true,
		autoHighlight: true,
		highlightColor: [255, 255, 255, 90],
		highlightedFeatureId: selectedId,
		onViewportLoad: () => onLoaded?.(),
		updateTriggers: { getFillColor: [version, fill] }
	});
}
