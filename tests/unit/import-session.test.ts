// The import worker's session asks the server for the places within the file's box: once for a
// file, again only when the admin's swap moves the file out of the box it holds, and for a new
// file. A refusal is reported as the server's key. The server here is a recording fetch.
import { describe, expect, it } from 'vitest';
import type { FromWorker } from '../../src/lib/features/import/protocol.ts';
import { createImportSession } from '../../src/lib/features/import/session.ts';

const file = (coordinates: [number, number][]) =>
	new TextEncoder().encode(
		JSON.stringify({
			type: 'FeatureCollection',
			features: coordinates.map((c, i) => ({
				type: 'Feature',
				geometry: { type: 'Point', coordinates: c },
				properties: { code: `H${i}`, address: '某村1号' }
			}))
		})
	).buffer as ArrayBuffer;

function server(status = 200) {
	const asked: URL[] = [];
	const fetchFn = (async (input: string | URL | Request) => {
		asked.push(new URL(String(input)));
		const body = status === 200 ? { grids: [], stations: [], townships: [] } : { message: 'admin_only' };
		return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
	}) as typeof fetch;
	return { asked, fetchFn };
}

const boxOf = (u: URL) => u.searchParams.get('bbox')!.split(',').map(Number);

describe('the import session', () => {
	it("reads the reference in the file's box, and again only when a swap moves the file", async () => {
		const { asked, fetchFn } = server();
		const session = createImportSession(fetchFn);
		const posted: FromWorker[] = [];
		const post = (m: FromWorker) => void posted.push(m);
		const bytes = file([
			[28.5, 119.2],
			[28.6, 119.3]
		]);
		await session.handle(
			{ type: 'read', name: 'h.geojson', bytes, kind: 'households', origin: 'http://here' },
			post
		);
		// read as lon/lat the points are not in China: no outlines, the codes alone
		expect(asked).toHaveLength(1);
		expect(asked[0].pathname).toBe('/api/import/reference');
		expect(asked[0].searchParams.get('kind')).toBe('households');
		expect(boxOf(asked[0])).toEqual([0, 0, 0, 0]);
		expect(posted.map((m) => m.type)).toEqual(['reference', 'prepared']);

		// swapped, they are: the box around them, padded 0.02°
		await session.handle({ type: 'choose', choices: { swap: true } }, post);
		expect(asked).toHaveLength(2);
		expect(boxOf(asked[1])).toEqual([119.18, 28.48, 119.32, 28.62]);
		// another coordinate system moves the file by less than the padding: no new request
		await session.handle({ type: 'choose', choices: { crs: 'gcj02' } }, post);
		expect(asked).toHaveLength(2);
		expect(posted.filter((m) => m.type === 'prepared')).toHaveLength(3);
	});

	it("reports the server's refusal by its key and prepares nothing", async () => {
		const { fetchFn } = server(403);
		const session = createImportSession(fetchFn);
		const posted: FromWorker[] = [];
		await session.handle(
			{
				type: 'read',
				name: 'h.geojson',
				bytes: file([[119.2, 28.5]]),
				kind: 'households',
				origin: 'http://here'
			},
			(m) => void posted.push(m)
		);
		expect(posted).toEqual([{ type: 'failed', key: 'admin_only', problems: [] }]);
	});
});
