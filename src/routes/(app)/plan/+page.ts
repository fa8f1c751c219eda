import { getLayers, getSummary } from '$lib/api/map-api';
import { getCoverageInputText } from '$lib/features/gaps/gaps-api';
import type { PageLoad } from './$types';

// Promises, not values: the page and basemap appear at once, the analysis starts when its
// input has arrived.
export const load: PageLoad = ({ fetch }) => ({
	summary: getSummary(fetch),
	input: getCoverageInputText(fetch),
	places: getLayers(fetch, [
		'counties',
		'townships',
		'villages',
		'grids',
		'stations',
		'posts',
		'officers'
	] as const)
});
