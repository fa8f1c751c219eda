// The built-in offline basemap in night colours, for screens on a command-room wall: dark sea
// and land so the incident colours carry the picture.
import type { StyleSpecification } from 'maplibre-gl';
import { offlineStyle } from './offline-style.ts';

const NIGHT_PAINT: Record<string, Record<string, unknown>> = {
	sea: { 'background-color': '#070d1a' },
	land: { 'fill-color': '#142033' },
	'land-border': { 'line-color': '#3b4d6b', 'line-width': 1.2, 'line-dasharray': [3, 2] }
};

export function nightStyle(origin: string): StyleSpecification {
	const style = offlineStyle(origin);
	return {
		...style,
		name: 'offline-night',
		layers: style.layers.map((layer) =>
			NIGHT_PAINT[layer.id] ? ({ ...layer, paint: { ...NIGHT_PAINT[layer.id] } } as typeof layer) : layer
		)
	};
}
