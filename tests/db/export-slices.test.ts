// A whole layer read for export a village at a time (or a selection 2,000 ids at a time, so the
// embedded database answers other requests between slices) is exactly what one export_layer
// call gives: the same rows, personal data masked the same way, in the same order, for a
// county-wide role and for a station head whose row-level security shows part of the county.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Claims } from '../../src/lib/server/db/port.ts';
import { rpcPort } from '../../src/lib/server/db/rpc.ts';
import { layerCollection } from '../../src/routes/api/export/[layer]/layer-collection.server.ts';
import { testDatabase, type TestDatabase } from './engine.ts';

let t: TestDatabase;
const who: Record<string, Claims> = {};

const as = (app_metadata: Claims['app_metadata']): Claims => ({
	sub: '00000000-0000-4000-8000-0000000000e1',
	role: 'authenticated',
	app_metadata
});

beforeAll(async () => {
	t = await testDatabase();
	const [{ county }] = await t.db.query<{ county: number }>(
		'select id county from counties order by id limit 1'
	);
	const [{ station }] = await t.db.query<{ station: number }>(
		'select station_id station from villages group by station_id order by count(*) desc limit 1'
	);
	who['command (county)'] = as({ app_role: 'command', county_id: county });
	who['station head'] = as({ app_role: 'station_head', station_id: station });
});

const whole = { ids: null, village_id: null, grid_id: null };

describe('exports read in slices', () => {
	it.each([
		['command (county)', 'households'],
		['command (county)', 'incidents'],
		['station head', 'households'],
		['station head', 'incidents']
	] as const)('give %s the same %s as one call', async (role, layer) => {
		const port = rpcPort(t.db);
		const one = await port.callJson('export_layer', { kind: layer }, who[role]);
		const sliced = await layerCollection(port, layer, whole, who[role]);
		expect(sliced.features.length).toBeGreaterThan(100);
		expect(JSON.stringify(sliced)).toBe(JSON.stringify(JSON.parse(one)));
	});

	it('gives a large selection as one call does', async () => {
		const port = rpcPort(t.db);
		const ids = (
			await t.db.query<{ id: number }>('select id from households order by random() limit 4500')
		).map((r) => r.id);
		const claims = who['command (county)'];
		const one = await port.callJson('export_layer', { kind: 'households', ids }, claims);
		const sliced = await layerCollection(port, 'households', { ...whole, ids }, claims);
		expect(sliced.features.length).toBe(4500);
		expect(JSON.stringify(sliced)).toBe(JSON.stringify(JSON.parse(one)));
	});
});
