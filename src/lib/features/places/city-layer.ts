// The cities a province's planner or campaign planner chooses from, on the map: each city's
// counties in one tint, outlined, named on hover, chosen by a click (or in CityChoice's select).
import type { Color, PickingInfo } from '@deck.gl/core';
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import type { City } from '$lib/features/places/cities';

export interface CityCountyProps {
	city: string;
	name: string;
	/** the city's place in the list, for its tint */
	index: number;
}

const TINTS: [number, number, number][] = [
	[96, 165, 250],
	[52, 211, 153],
	[251, 191, 36],
	[244, 114, 182],
	[167, 139, 250],
	[45, 212, 191]
];

export const CITY_LAYER_ID = 'plan-cities';

/** Every city's counties as one collection (GeoJSON, so the basemap can shift it). */
export function cityCounties(cities: readonly City[]): FeatureCollection<MultiPolygon, CityCountyProps> {
	const features: Feature<MultiPolygon, CityCountyProps>[] = cities.flatMap((city, index) =>
		city.counties.map((county) => ({
			type: 'Feature' as const,
			geometry: county.geometry,
			properties: { city: city.code, name: city.name, index }
		}))
	);
	return { type: 'FeatureCollection', features };
}

/** The city under the pointer, if the pick is this layer's. */
export function cityAt(info: PickingInfo): CityCountyProps | null {
	return info.layer?.id === CITY_LAYER_ID && info.object
		? (info.object as Feature<MultiPolygon, CityCountyProps>).properties
		: null;
}

export function cityChoiceLayer(
	counties: FeatureCollection<MultiPolygon, CityCountyProps>
): GeoJsonLayer<CityCountyProps> {
	return new GeoJsonLayer<CityCountyProps>({
		id: CITY_LAYER_ID,
		data: counties,
		filled: true,
		stroked: true,
		getFillColor: (f) => [...TINTS[f.properties.index % TINTS.length], 90] as Color,
		getLineColor: [51, 65, 85, 220],
		lineWidthUnits: 'pixels',
		getLineWidth: 1.2,
		pickable: true,
		autoHighlight: true,
		highlightColor: [255, 255, 255, 90]
	});
}
