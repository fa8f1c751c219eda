// The map API over HTTP, as the built server answers it.
import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/lib/server/auth/demo.ts';

const baseUrl = inject('baseUrl');
let cookie = '';

beforeAll(async () => {
	const res = await fetch(`${baseUrl}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email: 'command@demo.local', password: DEMO_PASSWORD })
	});
	expect(res.status).toBe(200);
	cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
	expect(cookie).toMatch(/^gpm_session=/);
});

/** Raw GET (fetch would decompress transparently and hide the encoding). */
function rawGet(
	path: string,
	headers: Record<string, string> = {}
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
	return new Promise((resolve, reject) => {
		request(`${baseUrl}${path}`, { headers: { cookie, ...headers } }, (res) => {
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

	it('refuses every data endpoint without a session', async () => {
		for (const path of ['/api/summary', '/api/layers/grids', '/api/grids/12', '/api/villages/1']) {
			const res = await rawGet(path, { cookie: '' });
			expect(res.status, path).toBe(401);
		}
	});

	it('refuses unknown layers, a households request without a box, and bad ids', async () => {
		expect((await rawGet('/api/layers/secrets')).status).toBe(404);
		expect((await rawGet('/api/layers/households')).status).toBe(400);
		expect((await rawGet('/api/layers/households?bbox=1,2,3')).status).toBe(400);
		expect((await rawGet('/api/grids/abc')).status).toBe(400);
		expect((await rawGet('/api/grids/999999')).status).toBe(404);
	});
});

/** A JSON request as the signed-in command room; answers status and parsed body. */
async function send(method: string, path: string, body: string): Promise<{ status: number; body: unknown }> {
	const res = await fetch(`${baseUrl}${path}`, {
		method,
		headers: { cookie, 'content-type': 'application/json', accept: 'application/json' },
		body
	});
	return { status: res.status, body: await res.json() };
}

describe('request bodies', () => {
	it('refuses a malformed body with 400 and a message key, not a 500', async () => {
		expect(await send('POST', '/api/incidents', '{')).toEqual({
			status: 400,
			body: { message: 'invalid_body' }
		});
		expect(await send('POST', '/api/incidents', JSON.stringify({ category: 'fraud', priority: 9 }))).toEqual({
			status: 400,
			body: { message: 'incident_priority_required' }
		});
		expect(
			await send(
				'POST',
				'/api/campaigns/knock-lists',
				JSON.stringify({ incident_id: 1, due_on: '2026-02-30' })
			)
		).toEqual({ status: 400, body: { message: 'knock_list_due_invalid' } });
		expect(
			await send('POST', '/api/officers/positions', JSON.stringify({ ids: [1], lons: [], lats: [] }))
		).toEqual({
			status: 400,
			body: { message: 'invalid_positions' }
		});
	});

	it('answers a rule the database enforces with its status and key', async () => {
		// the command room may watch but not assign
		const res = await send('POST', '/api/grids/12/assignment', JSON.stringify({ officer_id: 1 }));
		expect(res.status).toBe(403);
		expect(res.body).toMatchObject({ message: 'assign_not_allowed' });
	});

	it('answers a grid split the database refuses with its status and key, and changes nothing', async () => {
		const line = {
			type: 'LineString',
			coordinates: [
				[119.2, 28.5],
				[119.2, 28.7]
			]
		};
		const version = (await send('GET', '/api/grids/12/version', undefined as unknown as string))
			.body as number;
		expect(version).toBeGreaterThan(0);
		// the command room may watch but not re-draw grids
		expect(
			await send('POST', '/api/grids/12/split', JSON.stringify({ line, expected_version: version }))
		).toEqual({ status: 403, body: expect.objectContaining({ message: 'grid_edit_not_allowed' }) });
		expect(
			await send('POST', '/api/grids/12/split', JSON.stringify({ line: 'x', expected_version: version }))
		).toEqual({ status: 400, body: { message: 'grid_split_line_invalid' } });
		expect(JSON.parse((await rawGet('/api/grids/12/version')).body.toString('utf8'))).toBe(version);
	});
});
