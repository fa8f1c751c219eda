// The overview page's API as the browser has it: the map and assignment endpoints and the live
// channel, bound to the page's fetch. Which grid layer is read depends on the day shown (?at=)
// and on whether the map is tiled, which the summary decides after the page has opened.
import { getWorkload } from '$lib/api/assignment-api';
import {
	getGridFacts,
	getGridStates,
	getGridsAt,
	getLayer,
	getPointsIn,
	getSummary,
	getVillageFacts
} from '$lib/api/map-api';
import { connectLive } from '$lib/features/live/live-client';
import type { GridCollection } from '$lib/types/layers';
import type { OverviewApi } from './overview-page.svelte';
import { gridsFromStates } from './overview-tiles';

export function overviewApi(
	fetcher: typeof fetch,
	/** a past day whose grid plan is shown, or null for today */
	history: string | null,
	/** whether the map draws its grids from tiles (known once the layers have loaded) */
	tiled: () => boolean
): OverviewApi {
	return {
		summary: () => getSummary(fetcher),
		grids: (): Promise<GridCollection> =>
			history
				? getGridsAt(fetcher, history)
				: tiled()
					? getGridStates(fetcher).then(gridsFromStates)
					: getLayer(fetcher, 'grids'),
		gridFacts: (id) => getGridFacts(fetcher, id),
		villageFacts: (id) => getVillageFacts(fetcher, id),
		workload: () => getWorkload(fetcher),
		pointsIn: (box) => getPointsIn(fetcher, box),
		connect: connectLive
	};
}
