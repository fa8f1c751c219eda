// Grids filled by the 一格一警 state: a grid with an active primary officer, or one without.
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Color, Layer } from '@deck.gl/core';
import { outlineLayer } from '$lib/map/outline-layer';
import type { GridCollection, GridProps } from '$lib/types/layers';

import { GRID_ASSIGNED, GRID_UNASSIGNED } from '$lib/ui/palette';

export { GRID_ASSIGNED, GRID_UNASSIGNED };

const GRID_OUTLINE = { color: [255, 255, 255, 200] as Color, width: 1 };

/**
 * The fills; their outlines are drawn apart (gridOutlineLayer). `version` changes when an
 * assignment changed a grid's properties in place: only the fill colours are recomputed, not the
 * polygons (what keeps a recolour fast at city scale).
 */
export function gridLayer(grids: GridCollection, version = 0): GeoJsonLayer<GridProps> {
	return new GeoJsonLayer<GridProps>({
		id: 'grids',
		data: grids,
		filled: true,
		stroked: false,
		getFillColor: (f) => (f.properties.officer_id === null ? GRID_UNASSIGNED : GRID_ASSIGNED),
		pickable: true,
		autoHighlight: true,
		highlightColor: [255, 255, 255, 90],
		updateTriggers: { getFillColor: version }
	});
}

/** Grid outlines alone, as segments (outline-layer.ts says why). */
export function gridOutlineLayer(grids: GridCollection): Layer {
	return outlineLayer('grid-outlines', grids, GRID_OUTLINE);
}
