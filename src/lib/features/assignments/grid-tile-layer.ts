// Grids drawn from vector tiles (a jurisdiction too large for one GeoJSON layer), filled by the
// 一格一警 state of each grid by id (grid_states, kept current by the live channel): an assignment
// recolours its grid with no new tile.
import type { Color } from '@deck.gl/core';
import { stateTileLayer, type Shift } from '$lib/map/vector-tiles';
import type { GridProps } from '$lib/types/layers';
import { GRID_ASSIGNED, GRID_UNASSIGNED } from './grid-layer';

/** a grid the states do not know yet (drawn meanwhile, read again shortly): outline only */
const NO_STATE: Color = [0, 0, 0, 0];

const fill = (p: GridProps | undefined): Color =>
	!p ? NO_STATE : p.officer_id === null ? GRID_UNASSIGNED : GRID_ASSIGNED;

export function gridTileLayer(opts: {
	states: ReadonlyMap<number, GridProps>;
	version: number;
	selectedId: number | null;
	epoch?: number;
	onLoaded?: () => void;
	shift?: Shift;
}) {
	return stateTileLayer({ id: 'grids', layer: 'grids', fill, ...opts });
}
