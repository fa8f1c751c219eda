// What a shared link carries: the view (z, c), the layers switched on and the selected feature.
// `?z=13&c=119.27,28.59&layers=grids,incidents&sel=grid:12`. Unknown or malformed parts are
// ignored, so an old or hand-edited link still opens a map.

export interface MapView {
	zoom: number;
	center: [number, number];
}

export interface Selection {
	kind: string;
	id: number;
}

export interface UrlState<L extends string> {
	view: MapView | null;
	layers: L[] | null;
	selection: Selection | null;
}

function parseView(params: URLSearchParams): MapView | null {
	const zoom = Number(params.get('z'));
	const [lon, lat] = (params.get('c') ?? '').split(',').map(Number);
	if (!params.has('z') || !Number.isFinite(zoom) || zoom < 0 || zoom > 22) return null;
	if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 85)
		return null;
	return { zoom, center: [lon, lat] };
}

export function parseUrlState<L extends string>(
	params: URLSearchParams,
	known: readonly L[],
	kinds: readonly string[]
): UrlState<L> {
	const layers = params.has('layers')
		? (params.get('layers') ?? '').split(',').filter((l): l is L => (known as readonly string[]).includes(l))
		: null;
	const [kind, rawId] = (params.get('sel') ?? '').split(':');
	const id = Number(rawId);
	const selection = kinds.includes(kind) && Number.isSafeInteger(id) && id > 0 ? { kind, id } : null;
	return { view: parseView(params), layers, selection };
}

/** Writes the state into a copy of the URL; other parameters are kept. */
export function withUrlState<L extends string>(url: URL, state: UrlState<L>): URL {
	const next = new URL(url);
	const p = next.searchParams;
	if (state.view) {
		p.set('z', fixed(state.view.zoom, 2));
		p.set('c', state.view.center.map((n) => fixed(n, 5)).join(','));
	}
	if (state.layers) p.set('layers', state.layers.join(','));
	else p.delete('layers');
	if (state.selection) p.set('sel', `${state.selection.kind}:${state.selection.id}`);
	else p.delete('sel');
	// keep ',' and ':' readable: the link is read and pasted by people, and both are legal here
	next.search = p.toString().replace(/%2C/gi, ',').replace(/%3A/gi, ':');
	return next;
}

/** n with at most `digits` decimals and no trailing zeros (13, 119.27, 28.5901). */
function fixed(n: number, digits: number): string {
	return String(Number(n.toFixed(digits)));
}
