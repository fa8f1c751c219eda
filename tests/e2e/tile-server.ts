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

function varints(values: number[]): Buffer {
	const out: number[] = [];
	for (let v of values) {
		while (v >= 0x80) {
			out.push((v & 0x7f) | 0x80);
			v = Math.floor(v / 128);
		}
		out.push(v);
	}
	return Buffer.from(out);
}

/**
 * A PMTiles v3 archive (the published spec) holding one raster tile, z0/0/0: header, root
 * directory, metadata, tile data; nothing compressed. MapLibre overzooms it everywhere.
 */
export function onePngPmtiles(png: Buffer): Buffer {
	const directory = varints([1, 0, 1, png.length, 1]); // 1 entry: tile id 0, run 1, length, offset 0 (+1)
	const metadata = Buffer.from('{}');
	const header = Buffer.alloc(127);
	header.write('PMTiles', 0, 'latin1');
	header[7] = 3;
	const u64 = (at: number, v: number) => header.writeBigUInt64LE(BigInt(v), at);
	const dirAt = 127;
	const metaAt = dirAt + directory.length;
	const dataAt = metaAt + metadata.length;
	u64(8, dirAt);
	u64(16, directory.length);
	u64(24, metaAt);
	u64(32, metadata.length);
	u64(40, dataAt); // no leaf directories
	u64(48, 0);
	u64(56, dataAt);
	u64(64, png.length);
	u64(72, 1);
	u64(80, 1);
	u64(88, 1);
	header.set([1, 1, 1, 2, 0, 0], 96); // clustered, no compression ×2, png, zoom 0–0
	header.writeInt32LE(-180e7, 102);
	header.writeInt32LE(-85e7, 106);
	header.writeInt32LE(180e7, 110);
	header.writeInt32LE(85e7, 114);
	return Buffer.concat([header, directory, metadata, png]);
}

export const PMTILES_COLOUR: [number, number, number] = [120, 60, 160];
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
	const archive = onePngPmtiles(solidPng(256, 256, PMTILES_COLOUR));
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
		res.setHeader('access-control-allow-headers', 'range, if-match');
		res.setHeader('access-control-expose-headers', 'content-range, content-length, etag');
		if (req.method === 'OPTIONS') {
			res.statusCode = 204;
			res.end();
		} else if (path === '/lishui.pmtiles') {
			// byte ranges, as PMTiles readers ask for them
			const m = /bytes=(\d+)-(\d+)/.exec(req.headers.range ?? '');
			const from = m ? Number(m[1]) : 0;
			const to = m ? Math.min(Number(m[2]), archive.length - 1) : archive.length - 1;
			res.statusCode = m ? 206 : 200;
			res.setHeader('content-type', 'application/octet-stream');
			res.setHeader('etag', '"lishui-1"');
			if (m) res.setHeader('content-range', `bytes ${from}-${to}/${archive.length}`);
			res.end(archive.subarray(from, to + 1));
		} else if (path === '/style.json') {
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
