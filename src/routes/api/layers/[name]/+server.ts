import { error } from '@sveltejs/kit';
import { rpcResponse } from '$lib/server/respond';
import { MAP_LAYERS, type MapLayerName } from '$lib/types/layers';
import type { RequestHandler } from './$types';

function parseBbox(value: string | null): number[] | null {
	if (!value) return null;
	const parts = value.split(',').map(Number);
	if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) error(400, 'invalid_bbox');
	return parts;
}

export const GET: RequestHandler = ({ params, url, locals }) => {
	if (!(MAP_LAYERS as readonly string[]).includes(params.name)) error(404, 'unknown_layer');
	const name = params.name as MapLayerName;
	const bbox = parseBbox(url.searchParams.get('bbox'));
	if (name === 'households' && !bbox) error(400, 'bbox_required');
	return rpcResponse('map_layer', { name, bbox }, locals.claims);
};
