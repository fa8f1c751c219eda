// PMTiles archives the station hosts on this server (BASEMAP_DIR, default .data/basemap beside
// the database), for users who choose "PMTiles" with a path such as
// /api/basemap-files/lishui.pmtiles. Byte ranges, as PMTiles readers ask for them; signed-in
// users only, like every other API.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
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
		// the whole archive, streamed: read whole into memory, a 512 MB file took 4.5 GB
		return new Response(fileStream(file), { headers: { ...headers, 'content-length': String(size) } });
	}
	const from = Number(range[1]);
	const to = Math.min(range[2] ? Number(range[2]) : size - 1, size - 1);
	if (from > to || from >= size)
		return new Response(null, { status: 416, headers: { 'content-range': `bytes */${size}` } });
	return new Response(fileStream(file, from, to), {
		status: 206,
		headers: {
			...headers,
			'content-range': `bytes ${from}-${to}/${size}`,
			'content-length': String(to - from + 1)
		}
	});
};

/** Bytes `start`..`end` (inclusive) of a file as a web stream, read as the client takes them. */
function fileStream(file: string, start?: number, end?: number): ReadableStream<Uint8Array> {
	return Readable.toWeb(createReadStream(file, { start, end })) as ReadableStream<Uint8Array>;
}
