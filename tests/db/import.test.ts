// Import and export through the database functions: every bad fixture is refused by the SQL
// rulebook too and leaves the database exactly as it was (row counts and a checksum); a good
// file commits in one transaction with a summary and an audit entry, and re-importing it
// changes nothing; an exported layer imports back unchanged; only admins import.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FileError } from '../../src/lib/formats/parsed.ts';
import { readGeoJson } from '../../src/lib/formats/geojson-read.ts';
import { readImportFile } from '../../src/lib/formats/read-file.ts';
import type { ImportKind } from '../../src/lib/import/kinds.ts';
import { prepareImport } from '../../src/lib/import/prepare.ts';
import type { ImportFeature } from '../../src/lib/import/problems.ts';
import { stagedRow } from '../../src/lib/import/staged-row.ts';
import { DataError, type Claims } from '../../src/lib/server/db/port.ts';
import { rpcPort } from '../../src/lib/server/db/rpc.ts';
import { testDatabase, type TestDatabase } from './engine.ts';

const dir = join(import.meta.dirname, '../fixtures/import');
const { cases } = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as {
	cases: { file: string; kind: ImportKind; expect: string }[];
};

let t: TestDatabase;
let admin: Claims;
const planner: Claims = {
	sub: '00000000-0000-4000-8000-0000000000c1',
	role: 'authenticated',
	app_metadata: { app_role: 'planner' }
};

beforeAll(async () => {
	t = await testDatabase();
	const id = (
		await t.db.query<{ id: string }>(`select id from app.accounts where app_role = 'admin' limit 1`)
	)[0].id;
	admin = { sub: id, role: 'authenticated', app_metadata: { app_role: 'admin' } };
});

/** Row counts and a checksum of codes and geometry of every importable table. */
async function fingerprint(): Promise<string> {
	const rows = await t.db.query<{ f: string }>(`
		select concat_ws('|',
			(select count(*) || ':' || md5(string_agg(code || name || ST_AsEWKB(geom)::text, ',' order by code)) from villages),
			(select count(*) || ':' || md5(string_agg(code || name || village_id || ST_AsEWKB(geom)::text, ',' order by code)) from grids),
			(select count(*) || ':' || md5(string_agg(code || name || ST_AsEWKB(geom)::text, ',' order by code)) from posts),
			(select count(*) || ':' || md5(string_agg(code || address || head_name || grid_id || ST_AsEWKB(geom)::text, ',' order by code)) from households),
			(select count(*) || ':' || md5(string_agg(code || category || ST_AsEWKB(geom)::text, ',' order by code)) from incidents)) f`);
	return rows[0].f;
}

/** Stages the features (as the import API does, in chunks) and commits them. */
async function importFeatures(kind: ImportKind, features: ImportFeature[], who = admin, chunk = 500) {
	const port = rpcPort(t.db);
	const { batch } = await port.call<{ batch: string }>('import_begin', { kind, file_name: 'test' }, who);
	for (let i = 0; i < features.length; i += chunk) {
		const rows = features.slice(i, i + chunk).map(stagedRow);
		await port.call('import_stage_rows', { batch, rows: JSON.stringify(rows), start: i }, who);
	}
	return port.call<{ created: number; updated: number; unchanged: number; total: number }>(
		'import_commit',
		{ batch },
		who
	);
}

/** A point inside a stored grid. */
async function pointInAGrid(): Promise<[number, number]> {
	const [p] = await t.db.query<{ x: number; y: number }>(
		`select ST_X(p) x, ST_Y(p) y from grids g, ST_PointOnSurface(g.geom) p limit 1`
	);
	return [p.x, p.y];
}

/** A household of the file at `index` (1-based). */
const householdAt = (index: number, code: string, at: [number, number], address: string): ImportFeature => ({
	index,
	code,
	properties: { code, address },
	geometry: { type: 'Point', coordinates: at }
});

const problemsOf = (e: unknown) =>
	e instanceof DataError && e.key === 'import_invalid'
		? (JSON.parse(e.detail ?? '[]') as { problem: string }[]).map((p) => p.problem)
		: [];

describe('importing bad files', () => {
	it('refuses every fixture in SQL as well, and the database stays unchanged', async () => {
		const before = await fingerprint();
		const sqlKeys: Record<string, string[]> = {};
		for (const c of cases) {
			let parsed;
			try {
				parsed = await readImportFile(c.file, new Uint8Array(readFileSync(join(dir, c.file))));
			} catch (e) {
				expect(e, c.file).toBeInstanceOf(FileError);
				continue; // nothing to send
			}
			// send what the file holds even though the preview refuses it: the database must refuse it too
			const { features } = prepareImport(parsed, { kind: c.kind });
			const error = await importFeatures(c.kind, features).then(
				() => null,
				(e: unknown) => e
			);
			expect(error, c.file).toBeInstanceOf(DataError);
			sqlKeys[c.file] = problemsOf(error);
		}
		expect(await fingerprint()).toBe(before);
		// where the file reaches the rule checks, SQL names the same problem as the preview
		for (const file of [
			'duplicate-codes.geojson',
			'grids-overlap.geojson',
			'overlaps-stored-grid.geojson',
			'grid-outside-village.geojson',
			'village-gap.geojson',
			'unknown-village.geojson',
			'outside-china.geojson',
			'households-chinese-headers.csv',
			'posts-unknown-station.geojson',
			'posts-line.kml',
			'mixed-types.geojson'
		])
			expect(sqlKeys[file], file).toContain(cases.find((c) => c.file === file)!.expect);
		expect(sqlKeys['self-intersection.geojson']).toContain('import.invalid_geometry');
		expect(sqlKeys['zero-area.geojson']).toContain('import.invalid_geometry');
		expect(sqlKeys['empty-geometry.geojson']).toContain('import.empty');
	});

	it('lets only admins import', async () => {
		const error = await rpcPort(t.db)
			.call('import_begin', { kind: 'grids', file_name: 'x' }, planner)
			.catch((e: unknown) => e);
		expect((error as DataError).key).toBe('admin_only');
	});
});

describe("the preview's reference", () => {
	type Reference = {
		villages?: { code: string }[];
		grids?: { code: string; village_code: string }[];
		stations: string[];
		townships: string[];
	};
	const reference = (kind: ImportKind, bbox: number[] | null, who = admin) =>
		rpcPort(t.db).call<Reference>('import_reference', { kind, bbox }, who);

	it("holds the outlines meeting the file's box and every code; without a box, every outline", async () => {
		const [{ w, s, e, n }] = await t.db.query<{ w: number; s: number; e: number; n: number }>(`
			select ST_XMin(b) w, ST_YMin(b) s, ST_XMax(b) e, ST_YMax(b) n
			from (select ST_Extent(geom)::geometry b from grids where id = (select min(id) from grids)) x`);
		const box = [w, s, e, n];
		const expected = await t.db.query<{
			villages: number;
			grids: number;
			all_villages: number;
			all_grids: number;
		}>(
			`select (select count(*)::int from villages v where v.geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)) villages,
				(select count(*)::int from grids g where g.geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)) grids,
				(select count(*)::int from villages) all_villages, (select count(*)::int from grids) all_grids`,
			box
		);
		const codes = await t.db.query<{ stations: number; townships: number }>(
			`select (select count(*)::int from stations) stations, (select count(*)::int from townships) townships`
		);
		const grids = await reference('grids', box);
		expect(grids.villages!.length).toBe(expected[0].villages);
		expect(grids.grids!.length).toBe(expected[0].grids);
		expect(grids.grids!.length).toBeGreaterThan(0);
		expect(grids.grids!.length).toBeLessThan(expected[0].all_grids / 10);
		expect(grids.stations.length).toBe(codes[0].stations);
		expect(grids.townships.length).toBe(codes[0].townships);

		const whole = await reference('grids', null);
		expect(whole.villages!.length).toBe(expected[0].all_villages);
		expect(whole.grids!.length).toBe(expected[0].all_grids);

		// a box at 0°, 0° (a file with no point in China): the codes alone
		const none = await reference('households', [0, 0, 0, 0]);
		expect(none.grids).toEqual([]);
		expect(none.villages).toBeNull();
		expect(none.stations.length).toBe(codes[0].stations);
	});

	it('refuses a box turned inside out, and anyone but an admin', async () => {
		const inside = await reference('grids', [120, 28, 119, 29]).catch((e: unknown) => e);
		expect((inside as DataError).key).toBe('invalid_bbox');
		const stranger = await reference('grids', [119, 28, 120, 29], planner).catch((e: unknown) => e);
		expect((stranger as DataError).key).toBe('admin_only');
	});
});

describe('importing good files', () => {
	it('creates, then leaves unchanged on re-import, with a summary and an audit entry', async () => {
		const grid = (
			await t.db.query<{ id: number; x: number; y: number }>(
				`select g.id, ST_X(p) x, ST_Y(p) y from grids g, ST_PointOnSurface(g.geom) p order by g.id limit 1`
			)
		)[0];
		const features: ImportFeature[] = [1, 2, 3].map((i) => ({
			index: i,
			code: `FX-OK-${i}`,
			properties: {
				code: `FX-OK-${i}`,
				address: `测试地址${i}号`,
				head_name: '王五',
				residents: i,
				rental: i === 2
			},
			geometry: { type: 'Point', coordinates: [grid.x, grid.y] }
		}));
		const audits = async () =>
			(await t.db.query<{ n: number }>(`select count(*)::int n from audit_log where action = 'import'`))[0].n;
		const auditsBefore = await audits();
		try {
			expect(await importFeatures('households', features)).toMatchObject({
				created: 3,
				updated: 0,
				unchanged: 0
			});
			expect(await importFeatures('households', features)).toMatchObject({
				created: 0,
				updated: 0,
				unchanged: 3
			});
			features[1].properties.address = '改过的地址';
			expect(await importFeatures('households', features)).toMatchObject({
				created: 0,
				updated: 1,
				unchanged: 2
			});
			const rows = await t.db.query<{ grid_id: number; address: string }>(
				`select grid_id, address from households where code like 'FX-OK-%' order by code`
			);
			expect(rows.map((r) => r.grid_id)).toEqual([grid.id, grid.id, grid.id]);
			expect(rows[1].address).toBe('改过的地址');
			expect(await audits()).toBe(auditsBefore + 3);
			const last = (
				await t.db.query<{ after: Record<string, unknown> }>(
					`select after from audit_log where action = 'import' order by id desc limit 1`
				)
			)[0].after;
			expect(last).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
		} finally {
			await t.db.query(`delete from households where code like 'FX-OK-%'`);
		}
	});

	it('moves a re-imported household to the grid and village it now lies in', async () => {
		// two grids of different villages; the import locates points itself and skips the row
		// trigger, so the village must come from the import too
		const [from, to] = await t.db.query<{ id: number; village_id: number; x: number; y: number }>(
			`(select g.id, g.village_id, ST_X(p) x, ST_Y(p) y from grids g, ST_PointOnSurface(g.geom) p order by g.id limit 1)
			 union all
			 (select g.id, g.village_id, ST_X(p) x, ST_Y(p) y from grids g, ST_PointOnSurface(g.geom) p
			  where g.village_id <> (select village_id from grids order by id limit 1) order by g.id desc limit 1)`
		);
		expect(from.village_id).not.toBe(to.village_id);
		const feature = (at: { x: number; y: number }): ImportFeature => ({
			index: 1,
			code: 'FX-MV-1',
			properties: { code: 'FX-MV-1', address: '搬家户' },
			geometry: { type: 'Point', coordinates: [at.x, at.y] }
		});
		const placeOf = async () =>
			(
				await t.db.query<{ grid_id: number; village_id: number }>(
					`select grid_id, village_id from households where code = 'FX-MV-1'`
				)
			)[0];
		const counts = async () =>
			(
				await t.db.query<{ grid_id: number; households: number }>(
					`select grid_id, households::int from grid_household_counts where grid_id = any($1::bigint[]) order by grid_id`,
					[`{${from.id},${to.id}}`]
				)
			).map((r) => r.households);
		const countsBefore = await counts();
		try {
			expect(await importFeatures('households', [feature(from)])).toMatchObject({ created: 1 });
			expect(await placeOf()).toEqual({ grid_id: from.id, village_id: from.village_id });
			expect(await importFeatures('households', [feature(to)])).toMatchObject({ updated: 1 });
			expect(await placeOf()).toEqual({ grid_id: to.id, village_id: to.village_id });
			// outside an import the row trigger still locates: moved back by a plain update
			await t.db.query(
				`update households set geom = ST_SetSRID(ST_MakePoint($1, $2), 4326) where code = 'FX-MV-1'`,
				[from.x, from.y]
			);
			expect(await placeOf()).toEqual({ grid_id: from.id, village_id: from.village_id });
		} finally {
			await t.db.query(`delete from households where code = 'FX-MV-1'`);
		}
		expect(await counts()).toEqual(countsBefore);
	});

	it('checks grid claims a grid at a time and rebuilds the indexes after a large batch', async () => {
		// 20,000 households (a quarter of the county's, so every index and key is dropped and
		// built again): each grid's inner point, claimed rightly, wrongly, or not at all
		const grids = await t.db.query<{ id: number; village_id: number; code: string; x: number; y: number }>(
			`select g.id, g.village_id, g.code, ST_X(p) x, ST_Y(p) y from grids g, ST_PointOnSurface(g.geom) p order by g.id`
		);
		const claim = (i: number, g: (typeof grids)[number]) =>
			i % 3 === 0 ? g.code : i % 3 === 1 ? grids[(grids.indexOf(g) + 1) % grids.length].code : undefined;
		const features: ImportFeature[] = Array.from({ length: 20_000 }, (_, i) => {
			const g = grids[i % grids.length];
			const code = `FX-BULK-${i}`;
			return {
				index: i + 1,
				code,
				properties: { code, address: `批量 ${i}` },
				geometry: { type: 'Point', coordinates: [g.x, g.y] },
				grid: claim(i, g)
			};
		});
		const indexes = () =>
			t.db.query<{ indexdef: string; oid: number }>(
				`select pg_get_indexdef(indexrelid) indexdef, indexrelid::int oid from pg_index
				 where indrelid = 'public.households'::regclass order by 1`
			);
		const indexesBefore = await indexes();
		const keysPointingBefore = await t.db.query<{ conname: string; convalidated: boolean }>(
			`select conname, convalidated from pg_constraint
			 where confrelid = 'public.households'::regclass and contype = 'f' order by conname`
		);
		const countsBefore = await t.db.query<{ grid_id: number; households: number }>(
			`select grid_id, households::int from grid_household_counts order by grid_id`
		);
		try {
			expect(await importFeatures('households', features, admin, 5000)).toMatchObject({ created: 20_000 });
			const wrong = await t.db.query<{ n: number }>(
				`select count(*)::int n from households h join grids g on g.id = h.grid_id
				 where h.code like 'FX-BULK-%' and (not ST_Intersects(g.geom, h.geom) or h.village_id <> g.village_id)`
			);
			expect(wrong[0].n).toBe(0);
			const placed = await t.db.query<{ n: number }>(
				`select count(*)::int n from households where code like 'FX-BULK-%'`
			);
			expect(placed[0].n).toBe(20_000);
			// the same indexes, each built anew
			const indexesAfter = await indexes();
			expect(indexesAfter.map((i) => i.indexdef)).toEqual(indexesBefore.map((i) => i.indexdef));
			const rebuilt = indexesAfter.filter((i, k) => i.oid !== indexesBefore[k].oid).map((i) => i.indexdef);
			expect(rebuilt).toHaveLength(5);
			expect(rebuilt.join()).toMatch(/UNIQUE INDEX households_pkey .*\(id\)/);
			expect(rebuilt.join()).toMatch(/gist \(geom\)/);
			expect(rebuilt.join()).toMatch(/UNIQUE INDEX households_code_key .*\(code\)/);
			// and the foreign keys are back, checking again
			const keys = await t.db.query<{ conname: string; convalidated: boolean }>(
				`select conname, convalidated from pg_constraint
				 where conrelid = 'public.households'::regclass and contype = 'f' order by conname`
			);
			expect(keys).toEqual([
				{ conname: 'households_grid_id_fkey', convalidated: true },
				{ conname: 'households_village_id_fkey', convalidated: true }
			]);
			// as are those of the tables that point at households
			const pointing = await t.db.query<{ conname: string; convalidated: boolean }>(
				`select conname, convalidated from pg_constraint
				 where confrelid = 'public.households'::regclass and contype = 'f' order by conname`
			);
			expect(pointing).toEqual(keysPointingBefore);
			expect(pointing.length).toBeGreaterThanOrEqual(3);
			const plan = await t.db.query<{ 'QUERY PLAN': string }>(
				`explain select id from households where ST_Intersects(geom, ST_MakeEnvelope(119, 28, 119.01, 28.01, 4326))`
			);
			expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('households_geom_idx');
		} finally {
			await t.db.query(`delete from households where code like 'FX-BULK-%'`);
		}
		expect(
			await t.db.query(`select grid_id, households::int from grid_household_counts order by grid_id`)
		).toEqual(countsBefore);
	});

	it('is all or nothing: one bad household among good ones writes none', async () => {
		const before = await fingerprint();
		const features = [
			householdAt(1, 'FX-AN-1', await pointInAGrid(), 'a'),
			householdAt(2, 'FX-AN-2', [120.15, 30.28], 'b')
		];
		const error = await importFeatures('households', features).catch((e: unknown) => e);
		expect(problemsOf(error)).toEqual(['import.outside_grids']);
		expect(JSON.parse((error as DataError).detail!)[0]).toMatchObject({ index: 2, code: 'FX-AN-2' });
		expect(await fingerprint()).toBe(before);
	});

	it('names a household code the file repeats, and writes none', async () => {
		const before = await fingerprint();
		const at = await pointInAGrid();
		const features = ['FX-DUP-1', 'FX-DUP-2', 'FX-DUP-1'].map((code, i) =>
			householdAt(i + 1, code, at, `重复 ${i}`)
		);
		const error = await importFeatures('households', features).catch((e: unknown) => e);
		expect(problemsOf(error)).toEqual(['import.duplicate_code']);
		expect(JSON.parse((error as DataError).detail!)[0]).toMatchObject({ index: 3, code: 'FX-DUP-1' });
		expect(await fingerprint()).toBe(before);
		// in a first load large enough to build the code's index after the insert as well
		const many = Array.from({ length: 20_000 }, (_, i) =>
			householdAt(i + 1, i === 15_000 ? 'FX-DUP-BULK-7' : `FX-DUP-BULK-${i}`, at, `重复 ${i}`)
		);
		const bulkError = await importFeatures('households', many, admin, 5000).catch((e: unknown) => e);
		expect(problemsOf(bulkError)).toEqual(['import.duplicate_code']);
		expect(JSON.parse((bulkError as DataError).detail!)[0]).toMatchObject({
			index: 15_001,
			code: 'FX-DUP-BULK-7'
		});
		expect(await fingerprint()).toBe(before);
		const unique = await t.db.query<{ n: number }>(
			`select count(*)::int n from pg_constraint where conname = 'households_code_key' and contype = 'u'`
		);
		expect(unique[0].n).toBe(1);
	});

	it('imports an exported layer back unchanged (grids of three villages, households of a grid)', async () => {
		const villages = await t.db.query<{ id: number }>(`select id from villages order by id limit 3`);
		const gridIds = (
			await t.db.query<{ id: number }>(
				`select id from grids where village_id = any($1::bigint[]) order by id`,
				[`{${villages.map((v) => v.id).join(',')}}`]
			)
		).map((r) => r.id);
		const port = rpcPort(t.db);
		const before = await fingerprint();
		const exported = await port.callJson('export_layer', { kind: 'grids', ids: gridIds }, admin);
		const grids = prepareImport(readGeoJson(exported), { kind: 'grids' });
		expect(grids.validation.problems).toEqual([]);
		expect(await importFeatures('grids', grids.features)).toMatchObject({
			created: 0,
			updated: 0,
			unchanged: gridIds.length
		});
		const hh = await port.callJson(
			'export_layer',
			{ kind: 'households', ids: null },
			{
				...admin,
				app_metadata: { app_role: 'station_head', station_id: 1 }
			}
		);
		const households = prepareImport(readGeoJson(hh), { kind: 'households' });
		expect(households.features.length).toBeGreaterThan(100);
		expect(await importFeatures('households', households.features.slice(0, 2000), admin)).toMatchObject({
			created: 0,
			updated: 0
		});
		expect(await fingerprint()).toBe(before);
	});

	it('masks residents’ personal data in exports for roles that may not see it', async () => {
		const port = rpcPort(t.db);
		const ofStation = async (claims: Claims) =>
			JSON.parse(await port.callJson('export_layer', { kind: 'households', ids: null }, claims)).features as {
				properties: { phone: string; head_name: string };
			}[];
		const station = (
			await t.db.query<{ id: number }>(`select station_id id from villages order by id limit 1`)
		)[0].id;
		const plain = await ofStation({
			...admin,
			app_metadata: { app_role: 'station_head', station_id: station }
		});
		const masked = await ofStation({ ...admin, app_metadata: { app_role: 'command' } });
		expect(plain.some((f) => /^1\d{10}$/.test(f.properties.phone))).toBe(true);
		expect(masked.length).toBeGreaterThan(plain.length);
		expect(masked.every((f) => f.properties.phone === '' || f.properties.phone.includes('*'))).toBe(true);
	});
});
