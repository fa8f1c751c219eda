// The outline of whatever the user selected, drawn above every other layer.
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature } from 'geojson';

export function highlightLayer(feature: Feature | null): GeoJsonLayer | null {
	if (!feature) return null;
	return new GeoJsonLayer({
		id: 'selection',
		data: [feature],
		filled: false,
		stroked: true,
		getLineColor: [220, 38, 38, 255],
		lineWidthUnits: 'pixels',
		getLineWidth: 3.5,
		pickable: false
	});
}
