// The map's reads: summary, layers and the facts of one grid or village.
import type { GridFacts, LayerPayloads, MapLayerName, MapSummary, VillageFacts } from '$lib/types/layers';
import type { GridStates } from '$lib/types/tiles';
import { requestJson, type Fetch } from './request.ts';

export { ApiError } from './request.ts';

export const getSummary = (f: Fetch) => requestJson<MapSummary>(f, '/api/summary');

/** A layer whole, or (with a box [west, south, east, north]) the villages, grids, officers and
 * posts that touch the box; the areas and stations come whole either way. */
export const getLayer = <N extends MapLayerName>(f: Fetch, name: N, bbox?: readonly number[]) =>
	requestJson<LayerPayloads[N]>(
		f,
		bbox ? `/api/layers/${name}?bbox=${bbox.map((n) => n.toFixed(5)).join(',')}` : `/api/layers/${name}`
	);

/** The grid layer as it was at the end of a past day (YYYY-MM-DD, China time). */
export const getGridsAt = (f: Fetch, day: string) =>
	requestJson<LayerPayloads['grids']>(f, `/api/layers/grids?at=${day}`);

/** Households in a box (the database answers at most 20,000, in a box of at most 0.01 deg²). */
export const getHouseholdsIn = (f: Fetch, bbox: [number, number, number, number]) =>
	requestJson<LayerPayloads['households']>(f, `/api/layers/households?bbox=${bbox.join(',')}`);

/** Officers and posts in a box [west, south, east, north] (a tiled map's view). */
export const getPointsIn = async (f: Fetch, bbox: readonly [number, number, number, number]) => {
	const [officers, posts] = await Promise.all([getLayer(f, 'officers', bbox), getLayer(f, 'posts', bbox)]);
	return { officers, posts };
};

/** Each grid's officer and figures by id, for grids drawn from tiles. */
export const getGridStates = (f: Fetch) => requestJson<GridStates>(f, '/api/grid-states');

export const getGridFacts = (f: Fetch, id: number) => requestJson<GridFacts>(f, `/api/grids/${id}`);

export const getVillageFacts = (f: Fetch, id: number) => requestJson<VillageFacts>(f, `/api/villages/${id}`);

/** Several layers at once, in parallel, keyed by name. */
export async function getLayers<N extends MapLayerName>(
	f: Fetch,
	names: readonly N[],
	bbox?: readonly number[]
): Promise<Pick<LayerPayloads, N>> {
	const payloads = await Promise.all(names.map((name) => getLayer(f, name, bbox)));
	const byName = {} as Pick<LayerPayloads, N>;
	names.forEach((name, i) => (byName[name] = payloads[i]));
	return byName;
}
