// The database is the rulebook: these tests try to break each rule and expect a refusal that
// names the rule, with nothing written.
import { beforeAll, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../src/lib/server/db/migrate.ts';
import { errorOf, rolledBack, testDatabase, type TestDatabase } from './engine.ts';

let t: TestDatabase;
beforeAll(async () => {
	t = await testDatabase();
});

const one = async <T>(rows: Promise<T[]>): Promise<T> => (await rows)[0];

describe('migrations', () => {
	it('are recorded as applied, and a second run applies nothing', async () => {
		const files = await readMigrations();
		const recorded = await t.db.query<{ version: string }>(
			'select version from supabase_migrations.schema_migrations order by 1'
		);
		expect(recorded.map((r) => r.version)).toEqual(files.map((f) => f.version));
		expect(await migrate(t.db)).toEqual([]);
	});

	it('use nothing newer than PostgreSQL 15 / PostGIS 3.3 (what Supabase runs)', async () => {
		// the native suite is the real proof; this catches the usual suspects early, on PGlite too:
		// PostGIS 3.4+ functions and PostgreSQL 16+ syntax
		const newer =
			/\b(ST_CoverageUnion|ST_CoverageSimplify|ST_CoverageInvalidEdges|ST_LargestEmptyCircle|ST_HasM|ST_HasZ|ST_RemoveIrrelevantPointsForView|any_value|json_object\s*\(|is\s+json\b|merge\s+into.*returning)\b/i;
		for (const m of await readMigrations()) expect(m.sql, m.name).not.toMatch(newer);
	});
});

describe('every table', () => {
	it('has row-level security enabled', async () => {
		const rows = await t.db.query<{ relname: string; relrowsecurity: boolean }>(
			`select c.relname, c.relrowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace
			 where n.nspname = 'public' and c.relkind = 'r' and c.relname <> 'spatial_ref_sys' order by 1`
		);
		expect(rows.length).toBeGreaterThanOrEqual(15);
		expect(rows.filter((r) => !r.relrowsecurity).map((r) => r.relname)).toEqual([]);
	});
});

describe('geometry checks', () => {
	it('refuses a self-intersecting grid and writes nothing', async () => {
		const before = await one(t.db.query<{ n: number }>('select count(*)::int n from grids'));
		await rolledBack(t.db, async (tx) => {
			const err = await errorOf(
				tx,
				`insert into grids (village_id, code, name, geom) values (1, 'bowtie', 'x',
				 ST_Multi(ST_GeomFromText('POLYGON((119.1 28.5,119.2 28.6,119.2 28.5,119.1 28.6,119.1 28.5))', 4326)))`
			);
			expect(err).toBe('grids_geom_valid');
		});
		expect(await one(t.db.query<{ n: number }>('select count(*)::int n from grids'))).toEqual(before);
	});

	it('refuses swapped lat/lon and projected metres', async () => {
		await rolledBack(t.db, async (tx) => {
			expect(
				await errorOf(
					tx,
					`insert into posts (station_id, code, name, kind, geom) values (1, 'swap', 'x', 'office', ST_SetSRID(ST_MakePoint(28.59, 119.27), 4326))`
				)
			).toBe('posts_geom_in_china');
			expect(
				await errorOf(
					tx,
					`insert into posts (station_id, code, name, kind, geom) values (1, 'metres', 'x', 'office', ST_SetSRID(ST_MakePoint(13280000, 3320000), 4326))`
				)
			).toBe('posts_geom_in_china');
		});
	});

	it('refuses a geometry in another coordinate system', async () => {
		await rolledBack(t.db, async (tx) => {
			const err = await errorOf(
				tx,
				`insert into stations (county_id, code, name, geom) values (1, 'srid', 'x', ST_SetSRID(ST_MakePoint(119.27, 28.59), 3857))`
			);
			expect(err).toMatch(/SRID/i);
		});
	});

	it('refuses a grid that leaves its village', async () => {
		await rolledBack(t.db, async (tx) => {
			// village 1's outline moved 0.05° east: mostly outside village 1
			const err = await errorOf(
				tx,
				`insert into grids (village_id, code, name, geom)
				 select 1, 'outside', 'x', ST_Multi(ST_Translate(geom, 0.05, 0)) from villages where id = 1`
			);
			expect(err).toBe('grid_outside_village');
		});
	});
});

describe('points take their place from where they are', () => {
	it('corrects a household whose claimed grid does not contain it', async () => {
		await rolledBack(t.db, async (tx) => {
			const target = await one(
				tx.query<{ id: number; village_id: number; x: number; y: number }>(
					`select g.id, g.village_id, ST_X(p) x, ST_Y(p) y from grids g, ST_PointOnSurface(g.geom) p order by g.id desc limit 1`
				)
			);
			const row = await one(
				tx.query<{ grid_id: number; village_id: number }>(
					`insert into households (grid_id, village_id, code, address, geom)
					 values (1, 0, 'probe-h', '测试地址', ST_SetSRID(ST_MakePoint($1, $2), 4326)) returning grid_id, village_id`,
					[target.x, target.y]
				)
			);
			expect(row).toEqual({ grid_id: target.id, village_id: target.village_id });
		});
	});

	it('refuses a household in no grid, naming the rule', async () => {
		await rolledBack(t.db, async (tx) => {
			const err = await errorOf(
				tx,
				`insert into households (grid_id, village_id, code, address, geom) values (1, 0, 'probe-out', 'x', ST_SetSRID(ST_MakePoint(121.5, 31.2), 4326))`
			);
			expect(err).toBe('household_outside_grids');
		});
	});

	it('gives an incident its grid, village and station', async () => {
		await rolledBack(t.db, async (tx) => {
			const expected = await one(
				tx.query<{ grid_id: number; village_id: number; station_id: number; x: number; y: number }>(
					`select g.id grid_id, v.id village_id, v.station_id, ST_X(p) x, ST_Y(p) y
					 from grids g join villages v on v.id = g.village_id, ST_PointOnSurface(g.geom) p where g.id = 7`
				)
			);
			const row = await one(
				tx.query(
					`insert into incidents (code, category, geom) values ('probe-i', 'dispute', ST_SetSRID(ST_MakePoint($1, $2), 4326))
					 returning grid_id, village_id, station_id`,
					[expected.x, expected.y]
				)
			);
			expect(row).toEqual({
				grid_id: expected.grid_id,
				village_id: expected.village_id,
				station_id: expected.station_id
			});
		});
	});
});

describe('one active primary officer per grid (一格一警)', () => {
	it('refuses a second active primary officer but keeps history', async () => {
		await rolledBack(t.db, async (tx) => {
			const active = await one(
				tx.query<{ grid_id: number; officer_id: number; station_id: number }>(
					`select a.grid_id, a.officer_id, o.station_id from grid_assignments a join officers o on o.id = a.officer_id
					 where a.role = 'primary' and upper_inf(a.during) order by a.grid_id limit 1`
				)
			);
			const other = await one(
				tx.query<{ id: number }>(
					`select id from officers where station_id = $1 and kind = 'police' and id <> $2 and status = 'active' limit 1`,
					[active.station_id, active.officer_id]
				)
			);
			expect(
				await errorOf(
					tx,
					`insert into grid_assignments (grid_id, officer_id, role) values ($1, $2, 'primary')`,
					[active.grid_id, other.id]
				)
			).toBe('one_active_primary_officer_per_grid');
			// ending the current assignment first makes room, and both rows stay as history
			await tx.query(
				`update grid_assignments set during = tstzrange(lower(during), now()) where grid_id = $1 and role = 'primary' and upper_inf(during)`,
				[active.grid_id]
			);
			expect(
				await errorOf(
					tx,
					`insert into grid_assignments (grid_id, officer_id, role) values ($1, $2, 'primary')`,
					[active.grid_id, other.id]
				)
			).toBeNull();
			const history = await tx.query<{ n: number; active: number }>(
				`select count(*)::int n, count(*) filter (where upper_inf(during))::int active from grid_assignments where grid_id = $1 and role = 'primary'`,
				[active.grid_id]
			);
			expect(history[0].active).toBe(1);
			expect(history[0].n).toBeGreaterThanOrEqual(2);
		});
	});
});

describe('audit log', () => {
	it('is append-only, even for the table owner', async () => {
		await rolledBack(t.db, async (tx) => {
			await tx.query(`insert into audit_log (action, table_name) values ('probe', 'grids')`);
			expect(await errorOf(tx, `update audit_log set action = 'forged'`)).toBe('audit_log_append_only');
			expect(await errorOf(tx, `delete from audit_log`)).toBe('audit_log_append_only');
		});
	});
});
