// The built-in basemap: no tiles, no glyphs, no sprites, so it makes no request outside our own
// origin (police networks are offline). Land is the province's city outlines served from
// /basemap/land.geojson; everything domain-specific is drawn by deck.gl on top.
import type { StyleSpecification } from 'maplibre-gl';

export const LAND_PATH = '/basemap/land.geojson';

export function offlineStyle(origin: string): StyleSpecification {
	return {
		version: 8,
		name: 'offline',
		sources: {
			land: { type: 'geojson', data: new URL(LAND_PATH, origin).href }
		},
		layers: [
			{ id: 'sea', type: 'background', paint: { 'background-color': '#dde3ea' } },
			{ id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': '#f3f1ec' } },
			{
				id: 'land-border',
				type: 'line',
				source: 'land',
				paint: { 'line-color': '#b9b3a8', 'line-width': 1.2, 'line-dasharray': [3, 2] }
			}
		]
	};
}
