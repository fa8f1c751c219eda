import { error } from '@sveltejs/kit';
import { bboxParam } from '$lib/server/bbox-param';
import { rpcResponse } from '$lib/server/respond';
import { endOfChinaDay, historyDate } from '$lib/time/history-date';
import { MAP_LAYERS, type MapLayerName } from '$lib/types/layers';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, url, locals }) => {
	if (!(MAP_LAYERS as readonly string[]).includes(params.name)) error(404, 'unknown_layer');
	const name = params.name as MapLayerName;
	const bbox = bboxParam(url.searchParams.get('bbox'));
	if (name === 'households' && !bbox) error(400, 'bbox_required');
	// the grid plan as it was at the end of a past day (?at=2026-03-01)
	const at = url.searchParams.get('at');
	if (at !== null) {
		const day = historyDate(at);
		if (name !== 'grids' || !day) error(400, 'invalid_history_date');
		return rpcResponse('layer_grids_at', { at: endOfChinaDay(day) }, locals.claims);
	}
	return rpcResponse('map_layer', { name, bbox }, locals.claims);
};
