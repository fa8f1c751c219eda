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
		const geo = features
			.slice(i, i + chunk)
			.map((f) => ({ type: 'Feature', geometry: f.geometry, properties: f.properties }));
		await port.call('import_stage', { batch, features: JSON.stringify(geo) }, who);
	}
	return port.call<{ created: number; updated: number; unchanged: number; total: number }>(
		'import_commit',
		{ batch },
		who
	);
}

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

	it('is all or nothing: one bad household among good ones writes none', async () => {
		const before = await fingerprint();
		const inGrid = (
			await t.db.query<{ x: number; y: number }>(
				`select ST_X(p) x, ST_Y(p) y from grids g, ST_PointOnSurface(g.geom) p limit 1`
			)
		)[0];
		const features: ImportFeature[] = [
			{
				index: 1,
				code: 'FX-AN-1',
				properties: { code: 'FX-AN-1', address: 'a' },
				geometry: { type: 'Point', coordinates: [inGrid.x, inGrid.y] }
			},
			{
				index: 2,
				code: 'FX-AN-2',
				properties: { code: 'FX-AN-2', address: 'b' },
				geometry: { type: 'Point', coordinates: [120.15, 30.28] }
			}
		];
		const error = await importFeatures('households', features).catch((e: unknown) => e);
		expect(problemsOf(error)).toEqual(['import.outside_grids']);
		expect(JSON.parse((error as DataError).detail!)[0]).toMatchObject({ index: 2, code: 'FX-AN-2' });
		expect(await fingerprint()).toBe(before);
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
