// The export endpoint against a stand-in database: at most two heavy exports (a whole layer, a
// large selection) run at once and a third is refused with a translated `export_busy`, while a
// village's export still runs; a slot comes back when the download ends, is cancelled or the
// database refuses. A whole layer is read a village at a time and comes out in code order, each
// row once; a large selection is read 2,000 ids at a time.
import type { Feature, FeatureCollection, Point } from 'geojson';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parseCsv } from '../../src/lib/formats/csv.ts';
import { en } from '../../src/lib/i18n/messages/en.ts';
import { zhCN } from '../../src/lib/i18n/messages/zh-CN.ts';
import { DataError } from '../../src/lib/server/db/port.ts';

interface Call {
	fn: string;
	args: Record<string, unknown>;
}

const db = vi.hoisted(() => ({
	calls: [] as Call[],
	/** export_layer answers once this resolves */
	gate: Promise.resolve() as Promise<void>,
	refuse: false
}));

/** Codes each village holds, as export_layer sorts them; V2 also holds a row that moved from V1. */
const VILLAGE_CODES: Record<number, string[]> = {
	1: ['V1-01', 'V1-02'],
	2: ['V1-02', 'V2-01'],
	3: ['V3-01']
};

function collection(codes: string[]): FeatureCollection<Point, { code: string }> {
	return {
		type: 'FeatureCollection',
		features: codes.map((code): Feature<Point, { code: string }> => ({
			type: 'Feature',
			geometry: { type: 'Point', coordinates: [119.9, 28.4] },
			properties: { code }
		}))
	};
}

vi.mock('$lib/server/db', () => ({
	dataPort: async () => ({
		transport: 'pglite',
		async call(fn: string, args: Record<string, unknown>) {
			db.calls.push({ fn, args });
			if (fn === 'map_layer')
				// by id, as map_layer sorts: village 2's code sorts after village 1's
				return { features: [3, 2, 1].map((id) => ({ id, properties: { code: `V${id}` } })) };
			await db.gate;
			if (db.refuse) throw new DataError('export_unknown_layer');
			if (args.village_id) return collection(VILLAGE_CODES[args.village_id as number]);
			if (args.ids) return collection((args.ids as number[]).map((id) => `H${String(id).padStart(5, '0')}`));
			return collection(['X-1']);
		}
	})
}));

const { GET } = await import('../../src/routes/api/export/[layer]/+server.ts');

function get(path: string): Promise<Response> {
	const url = new URL(`http://localhost${path}`);
	const layer = url.pathname.split('/').pop()!;
	return GET({ params: { layer }, url, locals: { claims: null } } as never) as Promise<Response>;
}

function opened(): { open: () => void } {
	let open = () => {};
	db.gate = new Promise((resolve) => (open = resolve));
	return { open };
}

beforeEach(() => {
	db.calls = [];
	db.gate = Promise.resolve();
	db.refuse = false;
});

describe('heavy exports', () => {
	it('runs two at once and refuses a third with export_busy, while a village export still runs', async () => {
		const { open } = opened();
		const first = get('/api/export/households?format=csv');
		const second = get('/api/export/incidents?format=xlsx');
		const third = await get('/api/export/households?format=geojson');
		expect(third.status).toBe(429);
		expect(third.headers.get('retry-after')).toBe('30');
		expect(await third.json()).toEqual({ message: 'export_busy' });
		const village = get('/api/export/households?village=1&format=csv');
		open();
		const [a, b, v] = await Promise.all([first, second, village]);
		expect([a.status, b.status, v.status]).toEqual([200, 200, 200]);
		// the slots are held until the downloads end
		expect((await get('/api/export/grids?format=csv')).status).toBe(429);
		await Promise.all([a.text(), b.arrayBuffer(), v.text()]);
		const after = await get('/api/export/grids?format=csv');
		expect(after.status).toBe(200);
		await after.text();
	});

	it('translates export_busy in Chinese and English', () => {
		expect(zhCN['error.export_busy']).toMatch(/导出/);
		expect(en['error.export_busy']).toMatch(/export/i);
	});

	it('gives the slot back when a download is cancelled or the database refuses', async () => {
		const cancelled = await get('/api/export/households?format=xlsx');
		await cancelled.body!.cancel();
		db.refuse = true;
		const refused = await get('/api/export/households?format=csv');
		expect(Math.floor(refused.status / 100)).toBe(4);
		expect(await refused.json()).toMatchObject({ message: 'export_unknown_layer' });
		db.refuse = false;
		const { open } = opened();
		const two = [get('/api/export/households?format=csv'), get('/api/export/incidents?format=csv')];
		open();
		for (const res of await Promise.all(two)) {
			expect(res.status).toBe(200);
			await res.text();
		}
	});

	it('reads a whole layer a village at a time, in code order, each row once', async () => {
		const res = await get('/api/export/households?format=csv');
		const [header, ...rows] = parseCsv(await res.text());
		expect(header).toEqual(['code', 'lon', 'lat']);
		expect(rows.map((r) => r[0])).toEqual(['V1-01', 'V1-02', 'V2-01', 'V3-01']);
		expect(db.calls.map((c) => c.args.village_id ?? c.fn)).toEqual(['map_layer', 1, 2, 3]);
	});

	it('reads a large selection 2,000 ids at a time and a small one at once', async () => {
		const ids = Array.from({ length: 4500 }, (_, i) => 4500 - i);
		const res = await get(`/api/export/households?format=geojson&ids=${ids.join(',')}`);
		const features = ((await res.json()) as FeatureCollection).features;
		expect(features.map((f) => f.properties!.code)).toEqual(
			ids.map((id) => `H${String(id).padStart(5, '0')}`).sort()
		);
		expect(db.calls.map((c) => (c.args.ids as number[]).length)).toEqual([2000, 2000, 500]);
		db.calls = [];
		await (await get('/api/export/households?format=csv&ids=1,2,3')).text();
		expect(db.calls).toEqual([
			{ fn: 'export_layer', args: { kind: 'households', ids: [1, 2, 3], village_id: null, grid_id: null } }
		]);
	});
});
