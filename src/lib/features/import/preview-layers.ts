// The file's features on the preview map: sound ones blue, those with a problem red, over the
// stored village and grid outlines in grey so the admin sees where the file lands.
import { GeoJsonLayer } from '@deck.gl/layers';
import type { FeatureCollection, Geometry } from 'geojson';
import type { ImportReference } from '$lib/import/validate';

type Props = { code: string | null; problem: boolean };

export function previewLayers(
	preview: FeatureCollection<Geometry, Props> | null,
	reference: ImportReference | null
) {
	if (!preview) return [];
	const outlines = [...(reference?.villages ?? []), ...(reference?.grids ?? [])].map((r) => ({
		type: 'Feature' as const,
		geometry: r.geometry,
		properties: {}
	}));
	return [
		new GeoJsonLayer({
			id: 'import-reference',
			data: { type: 'FeatureCollection', features: outlines } as never,
			filled: false,
			stroked: true,
			getLineColor: [100, 116, 139, 160],
			lineWidthMinPixels: 1
		}),
		new GeoJsonLayer<Props>({
			id: 'import-preview',
			data: preview as never,
			filled: true,
			stroked: true,
			pickable: true,
			getFillColor: (f) => (f.properties.problem ? [220, 38, 38, 90] : [37, 99, 235, 60]),
			getLineColor: (f) => (f.properties.problem ? [185, 28, 28, 255] : [29, 78, 216, 230]),
			lineWidthMinPixels: 1.5,
			pointRadiusMinPixels: 4,
			getPointRadius: 6,
			updateTriggers: { getFillColor: preview, getLineColor: preview }
		})
	];
}
