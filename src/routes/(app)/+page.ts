import { getGridStates, getGridsAt, getLayer, getLayers, getSummary } from '$lib/api/map-api';
import type { GridCollection, VillageCollection } from '$lib/types/layers';
import { historyDate } from '$lib/time/history-date';
import { loadIconAtlas } from '$lib/features/policing/icon-atlas';
import type { OverviewData } from './overview-layers';
import { gridsFromStates, opensTiled } from './overview-tiles';
import type { PageLoad } from './$types';

// Promises, not values: the page and basemap appear at once, layers fill in as they arrive.
// ?at=YYYY-MM-DD shows the grid plan as it was at the end of that day (history, read-only).
// Past TILED_FROM_GRIDS grids (or with ?tiles=1) villages and grids come as vector tiles: only
// the grids' states are loaded here.
export const load: PageLoad = ({ fetch, url }) => {
	const at = historyDate(url.searchParams.get('at'));
	const summary = getSummary(fetch);
	const rest = getLayers(fetch, [
		'counties',
		'townships',
		'stations',
		'posts',
		'officers',
		'incidents'
	] as const);
	type Polygons = { villages: VillageCollection; grids: GridCollection; tiled: boolean };
	const polygons: Promise<Polygons> = at
		? Promise.all([getLayer(fetch, 'villages'), getGridsAt(fetch, at)]).then(([villages, grids]) => ({
				villages,
				grids,
				tiled: false
			}))
		: summary.then((s): Promise<Polygons> =>
				opensTiled(s, url.searchParams.get('tiles'))
					? getGridStates(fetch).then((states) => ({
							villages: { type: 'FeatureCollection', features: [] },
							grids: gridsFromStates(states),
							tiled: true
						}))
					: Promise.all([getLayer(fetch, 'villages'), getLayer(fetch, 'grids')]).then(
							([villages, grids]) => ({
								villages,
								grids,
								tiled: false
							})
						)
			);
	return {
		at,
		summary,
		layers: Promise.all([rest, polygons]).then(([layers, p]): OverviewData => ({ ...layers, ...p })),
		icons: loadIconAtlas()
	};
};
