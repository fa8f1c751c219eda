import { getGridsAt, getLayers, getSummary } from '$lib/api/map-api';
import { historyDate } from '$lib/time/history-date';
import { loadIconAtlas } from '$lib/features/policing/icon-atlas';
import { EMPTY_OVERVIEW, type OverviewData } from './overview-layers';
import { opensTiled } from './overview-tiles';
import type { PageLoad } from './$types';

// Promises, not values: the page and basemap appear at once, layers fill in as they arrive.
// ?at=YYYY-MM-DD shows the grid plan as it was at the end of that day (history, read-only).
// Past TILED_FROM_GRIDS grids (or with ?tiles=1) villages and grids come as vector tiles, and
// their states, officers and posts as the camera reaches them (the page loads those).
export const load: PageLoad = ({ fetch, url }) => {
	const at = historyDate(url.searchParams.get('at'));
	const summary = getSummary(fetch);
	const rest = getLayers(fetch, ['counties', 'townships', 'stations', 'incidents'] as const);
	type Rest = Pick<OverviewData, 'villages' | 'grids' | 'posts' | 'officers' | 'tiled'>;
	const whole = ['villages', 'posts', 'officers'] as const;
	const others: Promise<Rest> = at
		? Promise.all([getLayers(fetch, whole), getGridsAt(fetch, at)]).then(([layers, grids]) => ({
				...layers,
				grids,
				tiled: false
			}))
		: summary.then((s): Promise<Rest> =>
				opensTiled(s, url.searchParams.get('tiles'))
					? // the tiles, the grids' states and the officers in view follow the camera
						Promise.resolve({
							villages: EMPTY_OVERVIEW.villages,
							grids: EMPTY_OVERVIEW.grids,
							posts: EMPTY_OVERVIEW.posts,
							officers: EMPTY_OVERVIEW.officers,
							tiled: true
						})
					: getLayers(fetch, [...whole, 'grids']).then((layers) => ({ ...layers, tiled: false }))
			);
	return {
		at,
		summary,
		layers: Promise.all([rest, others]).then(([layers, o]): OverviewData => ({ ...layers, ...o })),
		icons: loadIconAtlas()
	};
};
