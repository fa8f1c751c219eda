import { getLayers, getSummary } from '$lib/api/map-api';
import { loadIconAtlas } from '$lib/features/policing/icon-atlas';
import type { PageLoad } from './$types';

// Promises, not values: the page and basemap appear at once, layers fill in as they arrive.
export const load: PageLoad = ({ fetch }) => ({
	summary: getSummary(fetch),
	layers: getLayers(fetch, [
		'counties',
		'townships',
		'villages',
		'grids',
		'stations',
		'posts',
		'officers',
		'incidents'
	] as const),
	icons: loadIconAtlas()
});
