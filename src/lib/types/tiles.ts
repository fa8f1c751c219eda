// Vector tiles of the polygon layers: what the server cuts and the map draws. One tile is
// TILE_EXTENT units a side with TILE_BUFFER units beyond each edge, so fills and outlines meet at
// tile edges without seams; past TILE_MAX_ZOOM the map enlarges the last tiles (overzoom).
import type { VillageKind } from './domain.ts';

export const TILED_LAYERS = ['villages', 'grids'] as const;
export type TiledLayer = (typeof TILED_LAYERS)[number];

export const TILE_EXTENT = 4096;
export const TILE_BUFFER = 64;
export const TILE_MAX_ZOOM = 14;

/**
 * Below these map zooms a tiled layer is not drawn: a province's 60,000 grids are specks there
 * (a 1 km² grid is under a pixel at zoom 7), and their tiles would be megabytes each. Villages
 * show from a city's width, grids from a county's.
 */
export const TILE_MIN_ZOOM: Record<TiledLayer, number> = { villages: 8, grids: 10 };

/**
 * Where villages and grids come as tiles, officers and posts come for the view from this zoom: a
 * province's 118,000 officers would be 1.4 MB before the first frame, and specks covering the map
 * at its own zoom.
 */
export const POINTS_MIN_ZOOM = 10;

/** The media type of a Mapbox Vector Tile. */
export const MVT_TYPE = 'application/vnd.mapbox-vector-tile';

export interface TileAddress {
	layer: TiledLayer;
	z: number;
	x: number;
	y: number;
}

/** What a tile's features carry (vector tiles leave out an attribute without a value). */
export interface VillageTileProps {
	id: number;
	name: string;
	code?: string;
	kind: VillageKind;
	township_id: number;
	station_id: number;
	/** where the name goes (the tile holding this point draws it) */
	label_lon: number;
	label_lat: number;
}
export interface GridTileProps {
	id: number;
	name: string;
	code?: string;
	village_id: number;
	station_id: number;
}

/** A tile address from a request's path, or null when it names no tile a map could ask for. */
export function tileAddress(layer: string, z: string, x: string, y: string): TileAddress | null {
	if (!(TILED_LAYERS as readonly string[]).includes(layer)) return null;
	const [zn, xn, yn] = [z, x, y].map((s) => (/^\d{1,7}$/.test(s) ? Number(s) : NaN));
	if (!(zn >= 0 && zn <= TILE_MAX_ZOOM)) return null;
	const side = 2 ** zn;
	if (!(xn >= 0 && xn < side && yn >= 0 && yn < side)) return null;
	return { layer: layer as TiledLayer, z: zn, x: xn, y: yn };
}

/**
 * Past this many grids in the caller's jurisdiction, villages and grids come as tiles instead of
 * whole GeoJSON layers. Measured (`npm run bench -- --only map.`): the city's 3,512 grids draw as
 * GeoJSON in seconds (grids 0.6 MB gzipped); the province's 60,000 did not finish in 120 s.
 */
export const TILED_FROM_GRIDS = 10_000;

/** Each grid's responsible officer and figures, by id (public.grid_states): index i is one grid. */
export interface GridStates {
	id: number[];
	village_id: number[];
	officer_id: (number | null)[];
	households: number[];
	incidents_30d: number[];
	visited_share: (number | null)[];
	/** the names of the officers responsible for a grid */
	officers: { id: number[]; name: string[] };
}
