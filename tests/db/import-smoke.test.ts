import { beforeAll, expect, it } from 'vitest';
import { rpcPort } from '../../src/lib/server/db/rpc.ts';
import type { Claims } from '../../src/lib/server/db/port.ts';
import { testDatabase, type TestDatabase } from './engine.ts';

let t: TestDatabase;
let admin: Claims;
beforeAll(async () => {
	t = await testDatabase();
	const id = (await t.db.query<{ id: string }>(`select id from app.accounts where app_role = 'admin' limit 1`))[0].id;
	admin = { sub: id, role: 'authenticated', app_metadata: { app_role: 'admin' } };
});

it('smoke', async () => {
	const port = rpcPort(t.db);
	const rows = await t.db.query<{ f: unknown }>(
		`select json_build_object('type','Feature','geometry',ST_AsGeoJSON(g.geom, 15)::json,'properties',json_build_object('code',g.code,'name',g.name,'village_code',v.code)) f
		 from grids g join villages v on v.id=g.village_id order by g.id limit 50`
	);
	const t0 = Date.now();
	const { batch } = await port.call<{ batch: string }>('import_begin', { kind: 'grids', file_name: 'x.geojson' }, admin);
	await port.call('import_stage', { batch, features: JSON.stringify(rows.map((r) => r.f)) }, admin);
	const s = await port.call('import_commit', { batch }, admin);
	console.log(s, Date.now() - t0);
	const bad = rows.map((r) => r.f) as { properties: { code: string } }[];
	bad[3].properties.code = bad[2].properties.code;
	const b2 = await port.call<{ batch: string }>('import_begin', { kind: 'grids', file_name: 'x.geojson' }, admin);
	await port.call('import_stage', { batch: b2.batch, features: JSON.stringify(bad) }, admin);
	const e = await port.call('import_commit', { batch: b2.batch }, admin).catch((e) => e);
	console.log(e);
	expect(1).toBe(1);
});
