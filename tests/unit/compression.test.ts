import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzipJson } from '../../src/lib/server/compression.ts';

const big = JSON.stringify({
	features: Array.from({ length: 2000 }, (_, i) => ({ id: i, name: '网格' + i }))
});
const request = (encoding: string) =>
	new Request('http://localhost/api/layers/grids', { headers: { 'accept-encoding': encoding } });
const jsonResponse = (body: string) =>
	new Response(body, { headers: { 'content-type': 'application/json' } });

describe('gzipJson', () => {
	it('compresses large JSON for clients that accept gzip, losslessly', async () => {
		const res = await gzipJson(request('gzip, deflate, br'), jsonResponse(big));
		expect(res.headers.get('content-encoding')).toBe('gzip');
		const body = Buffer.from(await res.arrayBuffer());
		expect(body.byteLength).toBeLessThan(Buffer.byteLength(big) / 3);
		expect(gunzipSync(body).toString('utf8')).toBe(big);
	});

	it('leaves small bodies, other types and clients without gzip alone', async () => {
		expect(
			(await gzipJson(request('gzip'), jsonResponse('{"a":1}'))).headers.get('content-encoding')
		).toBeNull();
		expect(
			(await gzipJson(request('identity'), jsonResponse(big))).headers.get('content-encoding')
		).toBeNull();
		const html = new Response(big, { headers: { 'content-type': 'text/html' } });
		expect((await gzipJson(request('gzip'), html)).headers.get('content-encoding')).toBeNull();
	});
});
