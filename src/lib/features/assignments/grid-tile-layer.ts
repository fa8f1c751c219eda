// Grids drawn from vector tiles (a jurisdiction too large for one GeoJSON layer), filled by the
// 一格一警 state of each grid by id (grid_states, kept current by the live channel): an assignment
// recolours its grid with no new tile. MapLibre draws them (native-tiles.ts says why); deck.gl
// does where the basemap is shifted (GCJ-02), which MapLibre cannot do to a tile.
import type { Color } from '@deck.gl/core';
import { stateTiles, type NativeTiles } from '$lib/map/native-tiles';
import { stateTileLayer, type Shift } from '$lib/map/vector-tiles';
import type { GridProps } from '$lib/types/layers';
import { GRID_ASSIGNED, GRID_UNASSIGNED } from './grid-layer';

/** a grid the states do not know yet (drawn meanwhile, read again shortly): outline only */
const NO_STATE: Color = [0, 0, 0, 0];

const fill = (p: GridProps | undefined): Color =>
	!p ? NO_STATE : p.officer_id === null ? GRID_UNASSIGNED : GRID_ASSIGNED;

export interface GridTileOptions {
	states: ReadonlyMap<number, GridProps>;
	version: number;
	selectedId: number | null;
	epoch?: number;
	onLoaded?: () => void;
}

export function gridTileLayer(opts: GridTileOptions & { shift?: Shift }) {
	return stateTileLayer({ id: 'grids', layer: 'grids', fill, ...opts });
}

/** The same drawn by MapLibre, under the deck.gl layer's name for picks. */
export function gridTiles(opts: GridTileOptions): NativeTiles {
	return stateTiles({ id: 'grids', layer: 'grids', fill, ...opts });
}
