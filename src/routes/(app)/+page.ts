import { getGridsAt, getLayer, getLayers, getSummary } from '$lib/api/map-api';
import { historyDate } from '$lib/time/history-date';
import { loadIconAtlas } from '$lib/features/policing/icon-atlas';
import type { PageLoad } from './$types';

// Promises, not values: the page and basemap appear at once, layers fill in as they arrive.
// ?at=YYYY-MM-DD shows the grid plan as it was at the end of that day (history, read-only).
export const load: PageLoad = ({ fetch, url }) => {
	const at = historyDate(url.searchParams.get('at'));
	const rest = getLayers(fetch, [
		'counties',
		'townships',
		'villages',
		'stations',
		'posts',
		'officers',
		'incidents'
	] as const);
	const grids = at ? getGridsAt(fetch, at) : getLayer(fetch, 'grids');
	return {
		at,
		summary: getSummary(fetch),
		layers: Promise.all([rest, grids]).then(([layers, g]) => ({ ...layers, grids: g })),
		icons: loadIconAtlas()
	};
};
