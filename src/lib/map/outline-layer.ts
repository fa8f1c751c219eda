// Polygon outlines drawn as separate line segments (deck.gl's LineLayer) instead of paths. In
// software WebGL the path layer's per-vertex work (joins and miters over the neighbouring points,
// for every corner of every segment) made thin outlines the larger part of a frame: ~0.8 s for
// the city's 23,000 village segments at 1920×1080. At one or two pixels wide, joins do not show.
import { LineLayer } from '@deck.gl/layers';
import type { Color } from '@deck.gl/core';
import type { FeatureCollection, MultiPolygon } from 'geojson';

interface Segments {
	length: number;
	attributes: {
		getSourcePosition: { value: Float64Array; size: 2 };
		getTargetPosition: { value: Float64Array; size: 2 };
	};
}

// one set of segments per collection, so a layer rebuilt on a zoom keeps its uploaded buffers
const built = new WeakMap<FeatureCollection, Segments>();

/** Every ring edge of the collection's polygons, as start and end points. */
export function ringSegments(collection: FeatureCollection<MultiPolygon>): Segments {
	const cached = built.get(collection);
	if (cached) return cached;
	let count = 0;
	for (const f of collection.features)
		for (const polygon of f.geometry.coordinates) for (const ring of polygon) count += ring.length - 1;
	const source = new Float64Array(count * 2);
	const target = new Float64Array(count * 2);
	let i = 0;
	for (const f of collection.features)
		for (const polygon of f.geometry.coordinates)
			for (const ring of polygon)
				for (let k = 0; k + 1 < ring.length; k++, i += 2) {
					source[i] = ring[k][0];
					source[i + 1] = ring[k][1];
					target[i] = ring[k + 1][0];
					target[i + 1] = ring[k + 1][1];
				}
	const segments: Segments = {
		length: count,
		attributes: {
			getSourcePosition: { value: source, size: 2 },
			getTargetPosition: { value: target, size: 2 }
		}
	};
	built.set(collection, segments);
	return segments;
}

/** Thin outlines of a polygon collection, in screen pixels; not pickable (the fills are). */
export function outlineLayer(
	id: string,
	collection: FeatureCollection<MultiPolygon>,
	style: { color: Color; width: number }
): LineLayer {
	return new LineLayer({
		id,
		data: ringSegments(collection),
		getColor: style.color,
		getWidth: style.width,
		widthUnits: 'pixels'
	});
}
