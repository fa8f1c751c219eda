// The current 敲门行动: each grid in the campaign filled by the share of its households visited,
// from red (none) through amber to green (all); grids outside the campaign stay clear.
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Color } from '@deck.gl/core';
import { stateTiles, type NativeTiles } from '$lib/map/native-tiles';
import { stateTileLayer, type Shift } from '$lib/map/vector-tiles';
import type { GridCollection, GridProps } from '$lib/types/layers';

/** Colour stops at shares 0, 0.5 and 1. */
export const SHARE_STOPS: [number, number, number][] = [
	[215, 48, 39],
	[250, 204, 21],
	[22, 163, 74]
];

export function shareColour(share: number): [number, number, number, number] {
	const s = Math.min(1, Math.max(0, share));
	const [a, b, t] =
		s < 0.5 ? [SHARE_STOPS[0], SHARE_STOPS[1], s * 2] : [SHARE_STOPS[1], SHARE_STOPS[2], (s - 0.5) * 2];
	return [0, 1, 2].map((i) => Math.round(a[i] + (b[i] - a[i]) * t)).concat(200) as [
		number,
		number,
		number,
		number
	];
}

export function visitedShareLayer(grids: GridCollection): GeoJsonLayer<GridProps> {
	return new GeoJsonLayer<GridProps>({
		id: 'campaign',
		data: grids,
		filled: true,
		stroked: true,
		getFillColor: (f) =>
			f.properties.visited_share === null ? [0, 0, 0, 0] : shareColour(f.properties.visited_share),
		getLineColor: [255, 255, 255, 180],
		lineWidthUnits: 'pixels',
		getLineWidth: 1,
		pickable: true,
		autoHighlight: true,
		highlightColor: [255, 255, 255, 90]
	});
}

const share = (p: GridProps | undefined): Color =>
	!p || p.visited_share === null ? [0, 0, 0, 0] : shareColour(p.visited_share);

interface ShareTileOptions {
	states: ReadonlyMap<number, GridProps>;
	version: number;
	selectedId: number | null;
	epoch?: number;
	onLoaded?: () => void;
}

/** The same from vector tiles, by each grid's state (grid_states), where grids come as tiles. */
export function visitedShareTileLayer(opts: ShareTileOptions & { shift?: Shift }) {
	return stateTileLayer({ id: 'campaign', layer: 'grids', fill: share, ...opts });
}

/** The same drawn by MapLibre (grid-tile-layer.ts says when). */
export function visitedShareTiles(opts: ShareTileOptions): NativeTiles {
	return stateTiles({ id: 'campaign', layer: 'grids', fill: share, ...opts });
}
