// The overview where villages and grids come as vector tiles (a jurisdiction past
// TILED_FROM_GRIDS grids): which mode a view opens in, and the grids' states (grid_states) in the
// shape the rest of the page knows, a grid collection, with no outlines: the tiles draw those.
// The live channel, the head's tools and the totals then work on the states as on the layer.
import type { GridCollection, GridProps, LayerPayloads, MapSummary } from '$lib/types/layers';
import { TILED_FROM_GRIDS, type GridStates, type VillageTileProps } from '$lib/types/tiles';

/** `?tiles=1` or `?tiles=0` chooses; otherwise the size of the caller's jurisdiction does. */
export function opensTiled(summary: MapSummary, param: string | null): boolean {
	if (param === '1') return true;
	if (param === '0') return false;
	return summary.grids > TILED_FROM_GRIDS;
}

/** The states as grid features without geometry: names come with the tiles. */
export function gridsFromStates(s: GridStates): GridCollection {
	const names = new Map(s.officers.id.map((id, i) => [id, s.officers.name[i]]));
	return {
		type: 'FeatureCollection',
		features: s.id.map((id, i) => ({
			type: 'Feature',
			geometry: { type: 'MultiPolygon', coordinates: [] },
			properties: {
				id,
				name: '',
				code: '',
				village_id: s.village_id[i],
				officer_id: s.officer_id[i],
				officer: s.officer_id[i] === null ? null : (names.get(s.officer_id[i]!) ?? null),
				households: s.households[i],
				incidents_30d: s.incidents_30d[i],
				visited_share: s.visited_share[i]
			}
		}))
	};
}

export interface VillageFigures {
	grids: number;
	grids_assigned: number;
	households: number;
}

/** Each village's grids, assigned grids and households, from the grids' states. */
export function villageFigures(grids: GridCollection): Map<number, VillageFigures> {
	const out = new Map<number, VillageFigures>();
	for (const { properties: p } of grids.features) {
		const v = out.get(p.village_id) ?? { grids: 0, grids_assigned: 0, households: 0 };
		v.grids += 1;
		if (p.officer_id !== null) v.grids_assigned += 1;
		v.households += p.households;
		out.set(p.village_id, v);
	}
	return out;
}

/** A tiled grid as the tooltip explains it: the tile's name and village, the state's figures. */
export function tiledGridProps(
	tile: { id: number; name?: string; code?: string; village_id?: number },
	states: ReadonlyMap<number, GridProps>
): GridProps | null {
	const state = states.get(tile.id);
	return state ? { ...state, name: tile.name ?? '', code: tile.code ?? '' } : null;
}

/** The same for a tiled village: its township's name and its grids' figures. */
export function tiledVillageProps(
	tile: VillageTileProps,
	townships: LayerPayloads['townships'],
	figures: ReadonlyMap<number, VillageFigures>
) {
	const township =
		townships.features.find((f) => f.properties.id === tile.township_id)?.properties.name ?? '';
	return { ...tile, township, ...(figures.get(tile.id) ?? { grids: 0, grids_assigned: 0, households: 0 }) };
}
