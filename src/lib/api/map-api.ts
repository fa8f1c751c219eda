// The browser's side of the map API: typed fetches that turn a failed response into an ApiError
// carrying the server's message key, so the page can translate it.
import type { GridFacts, LayerPayloads, MapLayerName, MapSummary, VillageFacts } from '$lib/types/layers';

export class ApiError extends Error {
	constructor(
		readonly status: number,
		/** message key from the server (`grid_not_found`) or `network` */
		readonly key: string
	) {
		super(key);
		this.name = 'ApiError';
	}
}

type Fetch = typeof fetch;

async function getJson<T>(fetchFn: Fetch, path: string): Promise<T> {
	let res: Response;
	try {
		res = await fetchFn(path, { headers: { accept: 'application/json' } });
	} catch {
		throw new ApiError(0, 'network');
	}
	if (!res.ok) {
		const body = (await res.json().catch(() => null)) as { message?: string } | null;
		throw new ApiError(res.status, body?.message ?? `http_${res.status}`);
	}
	return (await res.json()) as T;
}

export const getSummary = (f: Fetch) => getJson<MapSummary>(f, '/api/summary');

export const getLayer = <N extends MapLayerName>(f: Fetch, name: N) =>
	getJson<LayerPayloads[N]>(f, `/api/layers/${name}`);

export const getGridFacts = (f: Fetch, id: number) => getJson<GridFacts>(f, `/api/grids/${id}`);

export const getVillageFacts = (f: Fetch, id: number) => getJson<VillageFacts>(f, `/api/villages/${id}`);
