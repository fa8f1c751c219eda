// Cuts vector tiles in JavaScript, for PGlite, whose PostGIS is built without protobuf-c (no
// ST_AsMVT). MapLibre's own tiler (@maplibre/geojson-vt, what its GeoJSON sources run on) indexes
// a layer once; each tile is then cut from the index on first request and encoded by
// @maplibre/vt-pbf. Extent and buffer are PostGIS's (public.map_tile), so both engines cut alike.
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { FeatureCollection } from 'geojson';
import { TILE_BUFFER, TILE_EXTENT, TILE_MAX_ZOOM } from '../../types/tiles.ts';

/**
 * Simplification in tile units. ST_AsMVTGeom snaps to the tile's grid and does not simplify; one
 * unit keeps outlines within a pixel of it (a 512-pixel tile has 8 units a pixel).
 */
const TOLERANCE = 1;

export class JsTiler {
	private readonly index: GeoJSONVT;

	constructor(
		private readonly layer: string,
		features: FeatureCollection
	) {
		this.index = new GeoJSONVT(features, {
			maxZoom: TILE_MAX_ZOOM,
			extent: TILE_EXTENT,
			buffer: TILE_BUFFER,
			tolerance: TOLERANCE,
			// the index is built down to z5 up front; deeper tiles are cut when first asked for
			indexMaxZoom: 5,
			indexMaxPoints: 100_000
		});
	}

	/** The tile's bytes; an empty tile (no feature reaches it) is zero bytes, as ST_AsMVT's. */
	tile(z: number, x: number, y: number): Uint8Array {
		const tile = this.index.getTile(z, x, y);
		if (!tile || tile.features.length === 0) return new Uint8Array(0);
		return fromGeojsonVt({ [this.layer]: tile }, { version: 2, extent: TILE_EXTENT });
	}
}
