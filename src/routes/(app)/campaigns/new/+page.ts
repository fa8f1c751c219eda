import { getLayer, getLayers, getSummary } from '$lib/api/map-api';
import { cityScope, placesOfCity } from '$lib/features/places/city-scope';
import type { PageLoad } from './$types';

// The villages and grids the planner may see (row-level security decides), to pick the scope. A
// province's are a city's, the one the link names; until one is chosen, none (city-scope.ts).
export const load: PageLoad = ({ fetch, url }) => {
	const counties = getLayer(fetch, 'counties');
	const scope = Promise.all([getSummary(fetch), counties]).then(([s, c]) =>
		cityScope(s, c, url.searchParams.get('city'))
	);
	return {
		scope,
		places: scope.then(async (sc) => {
			if (sc.kind === 'choose') return null;
			if (sc.kind === 'whole') return getLayers(fetch, ['villages', 'grids'] as const);
			const rest = await getLayers(fetch, ['townships', 'villages', 'grids'] as const, sc.bbox);
			const { villages, grids } = placesOfCity({ counties: await counties, ...rest }, sc.city);
			return { villages, grids };
		})
	};
};
