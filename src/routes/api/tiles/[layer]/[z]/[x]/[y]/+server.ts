// One vector tile of villages or grids, as the signed-in user may see it (/api/tiles/grids/12/3371/1718).
// The ETag names the layer version and the caller's scope: a map coming back to a tile it holds
// gets a 304 until villages or grids change.
import { error } from '@sveltejs/kit';
import { gunzipSync } from 'node:zlib';
import { dataPort } from '$lib/server/db';
import { answering } from '$lib/server/respond';
import { mapTiles } from '$lib/server/tiles/map-tiles';
import { MVT_TYPE, tileAddress } from '$lib/types/tiles';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, request, locals }) =>
	answering(async () => {
		const address = tileAddress(params.layer, params.z, params.x, params.y);
		if (!address) error(404, 'unknown_tile');
		if (!locals.claims) error(401, 'sign_in_required');
		const tile = await mapTiles(await dataPort()).tile(address, locals.claims);
		const etag = `"${tile.tag}"`;
		const headers: Record<string, string> = {
			'content-type': MVT_TYPE,
			etag,
			// kept by the browser, but asked again each time: a write changes the tag
			'cache-control': 'private, no-cache',
			vary: 'accept-encoding'
		};
		if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
		if (tile.size === 0) return new Response(null, { status: 204, headers });
		if (/\bgzip\b/.test(request.headers.get('accept-encoding') ?? ''))
			return new Response(tile.gzip as BodyInit, { headers: { ...headers, 'content-encoding': 'gzip' } });
		return new Response(gunzipSync(tile.gzip) as BodyInit, { headers });
	});
