// The built-in offline basemap in night colours, for screens on a command-room wall: dark
// ground so the incident colours carry the picture. No land fill: the wall shows an inland
// jurisdiction, and on a software renderer every full-screen fill costs a tenth of a second
// per repaint; the background is the land colour and the city borders stay as dashed lines.
import type { StyleSpecification } from 'maplibre-gl';
import { offlineStyle } from './offline-style.ts';

const NIGHT_PAINT: Record<string, Record<string, unknown>> = {
	sea: { 'background-color': '#111c2e' },
	'land-border': { 'line-color': '#3b4d6b', 'line-width': 1.2, 'line-dasharray': [3, 2] }
};

export function nightStyle(origin: string): StyleSpecification {
	const style = offlineStyle(origin);
	return {
		...style,
		name: 'offline-night',
		layers: style.layers
			.filter((layer) => layer.id !== 'land')
			.map((layer) =>
				NIGHT_PAINT[layer.id] ? ({ ...layer, paint: { ...NIGHT_PAINT[layer.id] } } as typeof layer) : layer
			)
	};
}
