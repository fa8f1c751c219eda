// PMTiles archives the station hosts on this server (BASEMAP_DIR, default .data/basemap beside
// the database), for users who choose "PMTiles" with a path such as
// /api/basemap-files/lishui.pmtiles. Byte ranges, as PMTiles readers ask for them; signed-in
// users only, like every other API.
import { open, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { error } from '@sveltejs/kit';
import { readEnv } from '$lib/config/env';
import type { RequestHandler } from './$types';

const NAME = /^[\w-][\w.-]*\.pmtiles$/;

export const GET: RequestHandler = async ({ params, request }) => {
	if (!NAME.test(params.name)) error(404, 'not_found');
	const env = readEnv();
	const file = join(env.basemapDir ?? join(dirname(env.dataDir), 'basemap'), params.name);
	const info = await stat(file).catch(() => null);
	if (!info?.isFile()) error(404, 'not_found');
	const size = info.size;
	const etag = `"${size.toString(16)}-${Math.round(info.mtimeMs).toString(16)}"`;
	const headers: Record<string, string> = {
		'content-type': 'application/octet-stream',
		'accept-ranges': 'bytes',
		etag,
		'cache-control': 'private, max-age=3600'
	};
	const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.get('range') ?? '');
	if (!range) {
		const handle = await open(file);
		const body = await handle.readFile();
		await handle.close();
		return new Response(body, { headers: { ...headers, 'content-length': String(size) } });
	}
	const from = Number(range[1]);
	const to = Math.min(range[2] ? Number(range[2]) : size - 1, size - 1);
	if (from > to || from >= size)
		return new Response(null, { status: 416, headers: { 'content-range': `bytes */${size}` } });
	const handle = await open(file);
	try {
		const body = Buffer.alloc(to - from + 1);
		await handle.read(body, 0, body.length, from);
		return new Response(body, {
			status: 206,
			headers: {
				...headers,
				'content-range': `bytes ${from}-${to}/${size}`,
				'content-length': String(body.length)
			}
		});
	} finally {
		await handle.close();
	}
};
