// A tiny basemap server for the browser tests, on a free local port: a MapLibre style, raster
// tiles of one colour, and the wrong things a user may type in (not a style, a missing file),
// so switching basemaps is tested without any internet. Answers with CORS like a real one.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});
function crc32(bytes: Buffer): number {
	let c = 0xffffffff;
	for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
	const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const out = Buffer.alloc(body.length + 8);
	out.writeUInt32BE(data.length, 0);
	body.copy(out, 4);
	out.writeUInt32BE(crc32(body), body.length + 4);
	return out;
}

/** A solid-colour RGB PNG. */
export function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr.set([8, 2, 0, 0, 0], 8);
	const row = Buffer.alloc(1 + width * 3);
	for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3);
	const raw = Buffer.concat(Array.from({ length: height }, () => row));
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(raw)),
		chunk('IEND', Buffer.alloc(0))
	]);
}

export const STYLE_BACKGROUND: [number, number, number] = [46, 125, 50];
export const TILE_COLOUR: [number, number, number] = [190, 190, 196];

export interface TileServer {
	url: string;
	/** paths asked for, in order */
	hits: string[];
	close(): Promise<void>;
}

export async function startTileServer(): Promise<TileServer> {
	const hits: string[] = [];
	const tile = solidPng(256, 256, TILE_COLOUR);
	const style = {
		version: 8,
		name: 'test',
		sources: {},
		layers: [
			{ id: 'bg', type: 'background', paint: { 'background-color': `rgb(${STYLE_BACKGROUND.join(',')})` } }
		]
	};
	const server: Server = createServer((req, res) => {
		const path = req.url ?? '/';
		hits.push(path);
		res.setHeader('access-control-allow-origin', '*');
		if (path === '/style.json') {
			res.setHeader('content-type', 'application/json');
			res.end(JSON.stringify(style));
		} else if (path === '/not-a-style.json') {
			res.setHeader('content-type', 'application/json');
			res.end('{"hello":"world"}');
		} else if (/^\/tiles\/\d+\/\d+\/\d+\.png$/.test(path)) {
			res.setHeader('content-type', 'image/png');
			res.end(tile);
		} else if (/^\/text-tiles\//.test(path)) {
			res.setHeader('content-type', 'text/plain');
			res.end('no image here');
		} else {
			res.statusCode = 404;
			res.end('not found');
		}
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		hits,
		close: () => new Promise((done) => server.close(() => done()))
	};
}
