// The server's typed view of the database, checked against the live database: every function in
// functions.ts exists once with exactly those argument names, types and defaults, and every
// check constraint that lists allowed values lists the same values as the app (domain.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_KINDS } from '../../src/lib/import/kinds.ts';
import { BASEMAP_KINDS } from '../../src/lib/map/basemap-setting.ts';
import { RPC_FUNCTIONS } from '../../src/lib/server/db/functions.ts';
import * as domain from '../../src/lib/types/domain.ts';
import { TILED_LAYERS } from '../../src/lib/types/tiles.ts';
import { testDatabase, type TestDatabase } from './engine.ts';

let t: TestDatabase;

beforeAll(async () => {
	t = await testDatabase();
});

describe('functions.ts', () => {
	it('matches every function the app calls, argument by argument', async () => {
		const rows = await t.db.query<{ name: string; args: string[] | null; types: string[]; defaults: number }>(
			`select p.proname name, p.proargnames args, p.pronargdefaults::int defaults,
			        array(select format_type(a, null) from unnest(p.proargtypes::oid[]) a) types
			 from pg_proc p where p.pronamespace = 'public'::regnamespace and p.proname = any($1::text[])`,
			[`{${Object.keys(RPC_FUNCTIONS).join(',')}}`]
		);
		const inSql = Object.fromEntries(
			Object.keys(RPC_FUNCTIONS).map((name) => [
				name,
				rows
					.filter((r) => r.name === name)
					.map((r) =>
						Object.fromEntries(
							r.types.map((type, i) => [r.args![i], i >= r.types.length - r.defaults ? `${type}?` : type])
						)
					)
			])
		);
		expect(inSql).toEqual(Object.fromEntries(Object.entries(RPC_FUNCTIONS).map(([n, args]) => [n, [args]])));
	});
});

/** Which app list each value-listing check constraint must equal (table.column): domain.ts's,
 * and those that belong to their feature's module. */
const LISTS: Record<string, readonly string[]> = {
	'app.accounts.app_role': domain.APP_ROLES,
	'app.import_batches.kind': IMPORT_KINDS,
	'app.layer_versions.layer': TILED_LAYERS,
	'app.user_settings.basemap_kind': BASEMAP_KINDS,
	'campaign_team_members.kind': domain.VISITOR_KINDS,
	'campaign_visits.outcome': domain.VISIT_OUTCOMES,
	'campaign_visits.visitor_kind': domain.VISITOR_KINDS,
	'grid_assignments.role': domain.ASSIGNMENT_ROLES,
	'incidents.category': domain.INCIDENT_CATEGORIES,
	'incidents.mediation_status': domain.MEDIATION_STATUSES,
	'incidents.status': domain.INCIDENT_STATUSES,
	'key_units.kind': domain.KEY_UNIT_KINDS,
	'knock_list_households.outcome': domain.VISIT_OUTCOMES,
	'officers.kind': domain.OFFICER_KINDS,
	'officers.status': domain.OFFICER_STATUSES,
	'posts.kind': domain.POST_KINDS,
	'townships.kind': domain.TOWNSHIP_KINDS,
	'villages.kind': domain.VILLAGE_KINDS
};
/** Value lists that are the database's own business, with no list in domain.ts. */
const INTERNAL = ['live_changes.kind', 'live_changes.op'];

describe('value lists', () => {
	it('allow in SQL exactly the values domain.ts lists', async () => {
		const rows = await t.db.query<{ rel: string; def: string }>(
			`select conrelid::regclass::text rel, pg_get_constraintdef(oid) def from pg_constraint
			 where contype = 'c' and connamespace in ('public'::regnamespace, 'app'::regnamespace)`
		);
		const inSql: Record<string, string[]> = {};
		for (const { rel, def } of rows) {
			// PostgreSQL prints `x in ('a', 'b')` as `(x = ANY (ARRAY['a'::text, 'b'::text]))`
			const m = /^CHECK \(\((\w+) = ANY \(ARRAY\[(.*)\]\)\)\)$/.exec(def);
			if (!m) continue;
			inSql[`${rel}.${m[1]}`] = [...m[2].matchAll(/'([^']*)'::text/g)].map((v) => v[1]);
		}
		for (const key of INTERNAL) delete inSql[key];
		// a new value list must be added to LISTS (or INTERNAL), not slip by unchecked
		expect(Object.keys(inSql).sort()).toEqual(Object.keys(LISTS).sort());
		for (const [key, values] of Object.entries(LISTS)) expect(inSql[key], key).toEqual([...values]);
	});
});
