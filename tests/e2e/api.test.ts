// The map API over HTTP, as the built server answers it.
import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { describe, expect, inject, it } from 'vitest';

const baseUrl = inject('baseUrl');

/** Raw GET (fetch would decompress transparently and hide the encoding). */
function rawGet(
	path: string,
	headers: Record<string, string> = {}
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
	return new Promise((resolve, reject) => {
		request(`${baseUrl}${path}`, { headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () =>
				resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })
			);
		})
			.on('error', reject)
			.end();
	});
}

describe('map API', () => {
	it('sends layers gzip-compressed, a fraction of their size', async () => {
		const plain = await rawGet('/api/layers/grids');
		const gz = await rawGet('/api/layers/grids', { 'accept-encoding': 'gzip' });
		expect(gz.status).toBe(200);
		expect(gz.headers['content-encoding']).toBe('gzip');
		expect(gz.body.byteLength).toBeLessThan(plain.body.byteLength / 2);
		const grids = JSON.parse(gunzipSync(gz.body).toString('utf8')) as { features: unknown[] };
		expect(grids.features).toHaveLength(449);
	});

	it('refuses unknown layers, a households request without a box, and bad ids', async () => {
		expect((await rawGet('/api/layers/secrets')).status).toBe(404);
		expect((await rawGet('/api/layers/households')).status).toBe(400);
		expect((await rawGet('/api/layers/households?bbox=1,2,3')).status).toBe(400);
		expect((await rawGet('/api/grids/abc')).status).toBe(400);
		expect((await rawGet('/api/grids/999999')).status).toBe(404);
	});
});
