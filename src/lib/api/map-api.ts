// The map's reads: summary, layers and the facts of one grid or village.
import type { GridFacts, LayerPayloads, MapLayerName, MapSummary, VillageFacts } from '$lib/types/layers';
import { requestJson, type Fetch } from './request.ts';

export { ApiError } from './request.ts';

export const getSummary = (f: Fetch) => requestJson<MapSummary>(f, '/api/summary');

export const getLayer = <N extends MapLayerName>(f: Fetch, name: N) =>
	requestJson<LayerPayloads[N]>(f, `/api/layers/${name}`);

export const getGridFacts = (f: Fetch, id: number) => requestJson<GridFacts>(f, `/api/grids/${id}`);

export const getVillageFacts = (f: Fetch, id: number) => requestJson<VillageFacts>(f, `/api/villages/${id}`);

/** Several layers at once, in parallel, keyed by name. */
export async function getLayers<N extends MapLayerName>(
	f: Fetch,
	names: readonly N[]
): Promise<Pick<LayerPayloads, N>> {
	const payloads = await Promise.all(names.map((name) => getLayer(f, name)));
	const byName = {} as Pick<LayerPayloads, N>;
	names.forEach((name, i) => (byName[name] = payloads[i]));
	return byName;
}
