import { getLayer, getSummary } from '$lib/api/map-api';
import type { PageLoad } from './$types';

// The map needs WebGL: nothing useful to render on the server.
export const ssr = false;

// Promises, not values: the page and basemap appear at once, layers fill in as they arrive.
export const load: PageLoad = ({ fetch }) => ({
	summary: getSummary(fetch),
	layers: Promise.all([
		getLayer(fetch, 'counties'),
		getLayer(fetch, 'townships'),
		getLayer(fetch, 'villages'),
		getLayer(fetch, 'grids'),
		getLayer(fetch, 'stations'),
		getLayer(fetch, 'posts'),
		getLayer(fetch, 'officers'),
		getLayer(fetch, 'incidents')
	]).then(([counties, townships, villages, grids, stations, posts, officers, incidents]) => ({
		counties,
		townships,
		villages,
		grids,
		stations,
		posts,
		officers,
		incidents
	}))
});
