import { getLayer, getLayers, getSummary } from '$lib/api/map-api';
import { getCoverageInputText } from '$lib/features/gaps/gaps-api';
import type { PageLoad } from './$types';
import { placesOfCity, cityScope } from '$lib/features/places/city-scope';

// Promises, not values: the page and basemap appear at once, the analysis starts when its
// input has arrived. A province waits for the user's city (city-scope.ts): no input, no places.
export const load: PageLoad = ({ fetch, url }) => {
	const city = url.searchParams.get('city');
	const summary = getSummary(fetch);
	const counties = getLayer(fetch, 'counties');
	const scope = Promise.all([summary, counties]).then(([s, c]) => cityScope(s, c, city));
	return {
		summary,
		scope,
		input: scope.then((sc) =>
			sc.kind === 'choose'
				? null
				: getCoverageInputText(fetch, sc.kind === 'city' ? sc.city.countyIds : undefined)
		),
		places: scope.then(async (sc) => {
			if (sc.kind === 'choose') return null;
			const bbox = sc.kind === 'city' ? sc.bbox : undefined;
			const rest = await getLayers(
				fetch,
				['townships', 'villages', 'grids', 'stations', 'posts', 'officers'] as const,
				bbox
			);
			const places = { counties: await counties, ...rest };
			return sc.kind === 'city' ? placesOfCity(places, sc.city) : places;
		})
	};
};
