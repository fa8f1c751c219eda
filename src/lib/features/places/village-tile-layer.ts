// Villages drawn from vector tiles (a jurisdiction too large for one GeoJSON layer): tinted by
// township as the GeoJSON layer is, and outlined. MapLibre draws them (native-tiles.ts says why);
// deck.gl does where the basemap is shifted (GCJ-02), which MapLibre cannot do to a tile. Their
// names come from the tiles that cover the view, a village cut across tiles named once (deck.gl:
// by the one tile that holds its label point; MapLibre: by id); placeLabelLayer draws them.
import { MVTLayer } from '@deck.gl/geo-layers';
import type { Color } from '@deck.gl/core';
import type { BinaryFeatureCollection } from '@loaders.gl/schema';
import type { ExpressionSpecification, GeoJSONFeature } from 'maplibre-gl';
import { cssColour } from '$lib/map/css-colour';
import type { NativeTiles } from '$lib/map/native-tiles';
import { vectorTileProps, type Shift } from '$lib/map/vector-tiles';
import { TILE_MIN_ZOOM, type VillageTileProps } from '$lib/types/tiles';
import { TOWNSHIP_TINTS, townshipTint, type PlaceLabel } from './boundary-layers';

const OUTLINE: Color = [110, 118, 130, 200];

/** The names of a tile's villages whose label point lies in the tile (binary MVT, as parsed). */
export function tileLabels(data: BinaryFeatureCollection | null, [[w, s], [e, n]]: number[][]): PlaceLabel[] {
	const polygons = data?.polygons;
	if (!polygons) return [];
	const ids = polygons.featureIds.value;
	const lon = polygons.numericProps.label_lon?.value;
	const lat = polygons.numericProps.label_lat?.value;
	if (!lon || !lat) return [];
	const out: PlaceLabel[] = [];
	let last = -1;
	// vertices run feature by feature: the first vertex of each feature carries its numbers
	for (let v = 0; v < ids.length; v++) {
		const f = ids[v];
		if (f === last) continue;
		last = f;
		const [x, y] = [lon[v], lat[v]];
		if (x >= w && x < e && y >= s && y < n)
			out.push({ name: String(polygons.properties[f]?.name ?? ''), position: [x, y] });
	}
	return out;
}

export interface VillageTileOptions {
	/** fill by township; off under grids, so their colours stay true */
	tinted: boolean;
	selectedId: number | null;
	/** the names of the villages of the tiles that cover the view, each once, when they have loaded */
	onLabels?: (labels: PlaceLabel[]) => void;
	epoch?: number;
	/** the tiles that cover the view have loaded (and are drawn with the next frame) */
	onLoaded?: () => void;
	/** the basemap's shift (GCJ-02), when it has one */
	shift?: Shift;
}

export function villageTileLayer({
	tinted,
	selectedId,
	onLabels,
	epoch = 0,
	onLoaded,
	shift
}: VillageTileOptions) {
	return new MVTLayer<VillageTileProps>({
		...vectorTileProps('villages', epoch, shift),
		id: 'villages',
		filled: tinted,
		stroked: true,
		getFillColor: (f) => townshipTint(f.properties.township_id, 150),
		getLineColor: OUTLINE,
		lineWidthUnits: 'pixels',
		getLineWidth: 0.8,
		pickable: tinted,
		autoHighlight: true,
		highlightColor: [255, 255, 255, 70],
		highlightedFeatureId: selectedId,
		onViewportLoad: (tiles) => {
			const labels = tiles.flatMap((tile) =>
				tileLabels(tile.content as BinaryFeatureCollection | null, tile.boundingBox)
			);
			onLabels?.(shift ? labels.map((l) => ({ ...l, position: shift(l.position) })) : labels);
			onLoaded?.();
		}
	});
}

/** townshipTint as a MapLibre expression on the tile's township_id */
function tintExpression(alpha: number): ExpressionSpecification {
	const stops = TOWNSHIP_TINTS.flatMap((_, i) => [i, cssColour(townshipTint(i, alpha))]);
	return [
		'match',
		['%', ['get', 'township_id'], TOWNSHIP_TINTS.length],
		...stops,
		cssColour(townshipTint(0, alpha))
	] as unknown as ExpressionSpecification;
}

/** The names of the villages the loaded tiles hold, each once (a village cut across tiles is in each). */
export function featureLabels(features: readonly GeoJSONFeature[]): PlaceLabel[] {
	const named = new Map<unknown, PlaceLabel>();
	for (const f of features) {
		const p = f.properties as Partial<VillageTileProps>;
		if (named.has(f.id) || typeof p.label_lon !== 'number' || typeof p.label_lat !== 'number') continue;
		named.set(f.id, { name: String(p.name ?? ''), position: [p.label_lon, p.label_lat] });
	}
	return [...named.values()];
}

/** The same drawn by MapLibre, under the deck.gl layer's name for picks. */
export function villageTiles({
	tinted,
	selectedId,
	onLabels,
	epoch = 0,
	onLoaded
}: Omit<VillageTileOptions, 'shift'>): NativeTiles {
	return {
		id: 'villages',
		layer: 'villages',
		epoch,
		minzoom: TILE_MIN_ZOOM.villages,
		fill: tinted ? tintExpression(150) : null,
		outline: cssColour(OUTLINE),
		pickable: tinted,
		selectedId,
		onLoaded: (features) => {
			onLabels?.(featureLabels(features()));
			onLoaded?.();
		}
	};
}
