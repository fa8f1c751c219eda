// Per-user basemap settings: each user reads and writes only their own row (row-level security,
// whatever the route), bad entries are refused with a key the form translates and leave the old
// setting in place, and a reset returns to the station default.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlTransaction } from '../../src/lib/server/db/sql.ts';
import { actAs, asOwner, errorOf, rolledBack, testDatabase, type TestDatabase } from './engine.ts';

let t: TestDatabase;
let head: string;
let planner: string;
// a Supabase user has no local account: only the JWT's sub
const SUPABASE_USER = '6f0c1e9a-3b7d-4c55-9d0e-2a1b3c4d5e6f';

beforeAll(async () => {
	t = await testDatabase();
	const ids = await t.db.query<{ id: string; email: string }>(
		`select id::text, email from app.accounts where email in ('head@demo.local', 'planner@demo.local')`
	);
	head = ids.find((r) => r.email === 'head@demo.local')!.id;
	planner = ids.find((r) => r.email === 'planner@demo.local')!.id;
});

/** A caller without a token, as PostgREST runs one. */
async function asAnon(tx: SqlTransaction): Promise<void> {
	await tx.query("select set_config('role', 'anon', true), set_config('request.jwt.claims', $1, true)", [
		JSON.stringify({ role: 'anon' })
	]);
}

type Settings = { basemap: { kind: string; url: string | null } | null };
const mine = async (tx: SqlTransaction) =>
	(await tx.query<{ r: Settings }>('select public.my_settings() r'))[0].r;

describe('user settings', () => {
	it('keeps each user to their own basemap, for local and Supabase users alike', async () => {
		await rolledBack(t.db, async (tx) => {
			await actAs(tx, { sub: head, app_role: 'planner' });
			expect(await mine(tx)).toEqual({ basemap: null });
			await tx.query(`select public.save_basemap('style', 'http://tiles.police.local/style.json')`);
			expect((await mine(tx)).basemap).toMatchObject({
				kind: 'style',
				url: 'http://tiles.police.local/style.json'
			});

			await actAs(tx, { sub: planner, app_role: 'planner' });
			expect(await mine(tx)).toEqual({ basemap: null });
			await tx.query(`select public.save_basemap('xyz_gcj02', 'http://10.1.2.3/tiles/{z}/{x}/{y}.png')`);
			// the table itself shows only the caller's row, and another's row cannot be changed
			const rows = await tx.query<{ user_id: string }>('select user_id::text from app.user_settings');
			expect(rows).toEqual([{ user_id: planner }]);
			await tx.query(`update app.user_settings set basemap_kind = 'offline', basemap_url = null`);
			await tx.query(`delete from app.user_settings where user_id = $1`, [head]);
			expect(
				await errorOf(tx, `insert into app.user_settings (user_id, basemap_kind) values ($1, 'offline')`, [
					head
				])
			).toMatch(/row-level security/);

			await actAs(tx, { sub: SUPABASE_USER, app_role: 'planner' });
			await tx.query(`select public.save_basemap('pmtiles', '/basemap/lishui.pmtiles')`);
			expect((await mine(tx)).basemap).toMatchObject({ kind: 'pmtiles', url: '/basemap/lishui.pmtiles' });

			await actAs(tx, { sub: head, app_role: 'planner' });
			// the planner's update and delete above touched nothing of the head's
			expect((await mine(tx)).basemap).toMatchObject({ kind: 'style' });
			await asOwner(tx);
			const all = await tx.query<{ n: number }>('select count(*)::int n from app.user_settings');
			expect(all[0].n).toBe(3);
		});
	});

	it('refuses bad entries with a key and keeps the old setting', async () => {
		await rolledBack(t.db, async (tx) => {
			await actAs(tx, { sub: head, app_role: 'planner' });
			await tx.query(`select public.save_basemap('style', 'https://gis.police.local/style.json')`);
			const cases: [string, string | null, string][] = [
				['vector', 'https://x.local/a', 'basemap_kind_invalid'],
				['style', null, 'basemap_url_invalid'],
				['style', 'ftp://x.local/style.json', 'basemap_url_invalid'],
				['style', 'javascript:alert(1)', 'basemap_url_invalid'],
				['pmtiles', '//evil.example/a.pmtiles', 'basemap_url_invalid'],
				['style', 'https://x.local/a b.json', 'basemap_url_invalid'],
				['xyz_gcj02', 'https://x.local/tiles/{z}/{x}.png', 'basemap_template_invalid']
			];
			for (const [kind, url, key] of cases) {
				expect(await errorOf(tx, 'select public.save_basemap($1, $2)', [kind, url])).toBe(key);
			}
			expect((await mine(tx)).basemap).toMatchObject({
				kind: 'style',
				url: 'https://gis.police.local/style.json'
			});
			// the table's own checks hold even for a direct write
			expect(await errorOf(tx, `update app.user_settings set basemap_kind = 'xyz_gcj02'`)).toBe(
				'user_settings_template_has_xyz'
			);

			// offline drops the URL; reset removes the row: the station default again
			await tx.query(`select public.save_basemap('offline', 'https://ignored.local/')`);
			expect((await mine(tx)).basemap).toMatchObject({ kind: 'offline', url: null });
			expect((await tx.query<{ r: Settings }>('select public.reset_basemap() r'))[0].r).toEqual({
				basemap: null
			});
		});
	});

	it('lets no anonymous caller in', async () => {
		await rolledBack(t.db, async (tx) => {
			await asAnon(tx);
			expect(await errorOf(tx, 'select public.my_settings()')).toMatch(/permission denied/);
			expect(await errorOf(tx, `select public.save_basemap('offline')`)).toMatch(/permission denied/);
			expect(await errorOf(tx, 'select * from app.user_settings')).toMatch(/permission denied/);
		});
	});
});
