// Polygon outlines drawn by MapLibre itself rather than by deck.gl. MapLibre cuts a GeoJSON source
// into tiles in its worker, simplifies them for the zoom and draws only the tiles in view; deck.gl
// draws every segment of a collection on every frame. A province's 127,000 county and township
// segments took 1.5 s a frame in software WebGL (Chromium without a GPU) as a deck.gl layer.
import type { Layer } from '@deck.gl/core';
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';

export interface NativeOutline {
	/** stable for the map's life: the style holds one source and one line layer per id */
	id: string;
	data: FeatureCollection;
	/** a CSS colour */
	color: string;
	/** in pixels */
	width: number;
	/** drawn from this zoom on */
	minzoom?: number;
}

/**
 * An invisible MapLibre layer right under the outlines. deck.gl layers given it as `beforeId`
 * (underOutlines) are drawn under the outlines; the others are drawn over them.
 */
export const OUTLINE_ANCHOR = 'outlines-anchor';

const sourceId = (id: string) => `outline-${id}`;

function lineLayer(o: NativeOutline): LayerSpecification {
	return {
		id: sourceId(o.id),
		type: 'line',
		source: sourceId(o.id),
		minzoom: o.minzoom ?? 0,
		layout: { 'line-join': 'round' },
		paint: { 'line-color': o.color, 'line-width': o.width }
	};
}

/** The style with the anchor and the outlines on top of the basemap's own layers. */
export function withOutlines(
	style: StyleSpecification,
	outlines: readonly NativeOutline[]
): StyleSpecification {
	const sources = { ...style.sources };
	for (const o of outlines) sources[sourceId(o.id)] = { type: 'geojson', data: o.data };
	return {
		...style,
		sources,
		layers: [
			...style.layers,
			{ id: OUTLINE_ANCHOR, type: 'background', layout: { visibility: 'none' } },
			...outlines.map(lineLayer)
		]
	};
}

/** A deck.gl layer drawn under the outlines (every MapCanvas style has the anchor). */
export function underOutlines<L extends Layer>(layer: L): L {
	// beforeId is read by @deck.gl/mapbox from any layer's props; the core props do not declare it
	return layer.clone({ beforeId: OUTLINE_ANCHOR } as unknown as Partial<L['props']>) as L;
}

/** Keeps a map's outline sources on the collections last given, sending only those that changed. */
export class OutlineSources {
	private readonly shown: Record<string, NativeOutline> = {};

	constructor(initial: readonly NativeOutline[]) {
		for (const o of initial) this.shown[o.id] = o;
	}

	update(map: MapLibreMap, outlines: readonly NativeOutline[]): void {
		for (const o of outlines) {
			const before = this.shown[o.id];
			if (!before) continue; // not in the style the map was created with
			if (before.data !== o.data)
				(map.getSource(sourceId(o.id)) as GeoJSONSource | undefined)?.setData(o.data);
			if ((before.minzoom ?? 0) !== (o.minzoom ?? 0))
				map.setLayerZoomRange(sourceId(o.id), o.minzoom ?? 0, 24);
			this.shown[o.id] = o;
		}
	}
}
