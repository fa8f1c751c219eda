// Role × table × operation: what each role may read and write, decided by the database. Every
// allowed read returns exactly the rows of the caller's jurisdiction; every direct write is
// refused (writes go through functions, tested in assignments.test.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlTransaction } from '../../src/lib/server/db/sql.ts';
import { actAs, errorOf, rolledBack, testDatabase, type Caller, type TestDatabase } from './engine.ts';

let t: TestDatabase;
let stationA: number;
let countyId: number;
let officerA: number;

beforeAll(async () => {
	t = await testDatabase();
	stationA = (
		await t.db.query<{ id: number }>(
			'select station_id id from villages group by station_id order by count(*) desc limit 1'
		)
	)[0].id;
	countyId = (await t.db.query<{ id: number }>('select id from counties order by id limit 1'))[0].id;
	officerA = (
		await t.db.query<{ id: number }>(
			`select a.officer_id id from grid_assignments a join officers o on o.id = a.officer_id
			 where o.station_id = $1 and a.role = 'primary' and upper_inf(a.during) order by a.officer_id limit 1`,
			[stationA]
		)
	)[0].id;
});

/** null: no token at all. county_id is one more claim; actAs passes it on in app_metadata. */
type Who = { label: string; claims: () => (Caller & { county_id?: number }) | null };
const WHO: Who[] = [
	{ label: 'anonymous', claims: () => null },
	{ label: 'command (city)', claims: () => ({ app_role: 'command' }) },
	{ label: 'command (county)', claims: () => ({ app_role: 'command', county_id: countyId }) },
	{ label: 'planner', claims: () => ({ app_role: 'planner' }) },
	{ label: 'station head', claims: () => ({ app_role: 'station_head', station_id: stationA }) },
	{ label: 'officer', claims: () => ({ app_role: 'officer', station_id: stationA, officer_id: officerA }) },
	{ label: 'admin', claims: () => ({ app_role: 'admin' }) }
];

async function actAsWho(tx: SqlTransaction, who: Who): Promise<void> {
	const caller = who.claims();
	if (caller) return actAs(tx, caller);
	await tx.query("select set_config('role', 'anon', true), set_config('request.jwt.claims', $1, true)", [
		JSON.stringify({ role: 'anon' })
	]);
}

/** Rows a table holds within a station's reach, counted as the owner (no RLS). */
const STATION_SCOPE: Record<string, string> = {
	villages: 'select count(*)::int n from villages where station_id = $1',
	grids: 'select count(*)::int n from grids g join villages v on v.id = g.village_id where v.station_id = $1',
	officers: 'select count(*)::int n from officers where station_id = $1',
	grid_assignments:
		'select count(*)::int n from grid_assignments a join grids g on g.id = a.grid_id join villages v on v.id = g.village_id where v.station_id = $1',
	households:
		'select count(*)::int n from households h join villages v on v.id = h.village_id where v.station_id = $1',
	incidents:
		'select count(*)::int n from incidents i join villages v on v.id = i.village_id where v.station_id = $1',
	campaign_visits:
		'select count(*)::int n from campaign_visits c join grids g on g.id = c.grid_id join villages v on v.id = g.village_id where v.station_id = $1',
	key_units:
		'select count(*)::int n from key_units k join villages v on v.id = k.village_id where v.station_id = $1'
};
// rows that follow a grid follow every version it had (a retired grid's visits stay readable)
const GRIDS_OF_STATION = `(select x.grid_id from grid_versions x join villages v on v.id = x.village_id where v.station_id = $1)`;
STATION_SCOPE.grid_versions =
	'select count(*)::int n from grid_versions x join villages v on v.id = x.village_id where v.station_id = $1';
STATION_SCOPE.grid_household_counts =
	'select count(*)::int n from grid_household_counts c join grids g on g.id = c.grid_id join villages v on v.id = g.village_id where v.station_id = $1';
for (const table of ['campaign_block_grids', 'campaign_visit_days', 'campaign_households', 'knock_lists'])
	STATION_SCOPE[table] = `select count(*)::int n from ${table} where grid_id in ${GRIDS_OF_STATION}`;
STATION_SCOPE.knock_list_households = `select count(*)::int n from knock_list_households
	where list_id in (select k.id from knock_lists k where k.grid_id in ${GRIDS_OF_STATION})`;
// a campaign (and its blocks and teams) is read by the stations it reaches
const REACHES_STATION = `(c.station_id = $1 or exists (select 1 from campaign_block_grids bg
	join grid_versions x on x.grid_id = bg.grid_id join villages v on v.id = x.village_id
	where bg.campaign_id = c.id and v.station_id = $1))`;
STATION_SCOPE.campaigns = `select count(*)::int n from campaigns c where ${REACHES_STATION}`;
STATION_SCOPE.campaign_blocks = `select count(*)::int n from campaign_blocks b join campaigns c on c.id = b.campaign_id where ${REACHES_STATION}`;
STATION_SCOPE.campaign_team_members = `select count(*)::int n from campaign_team_members m join campaign_teams t on t.id = m.team_id join campaigns c on c.id = t.campaign_id where ${REACHES_STATION}`;
const SHARED = ['counties', 'townships', 'stations', 'posts'];

async function total(table: string): Promise<number> {
	return (await t.db.query<{ n: number }>(`select count(*)::int n from ${table}`))[0].n;
}

describe('reading', () => {
	for (const who of WHO) {
		it(`${who.label} reads exactly its jurisdiction`, async () => {
			const expected: Record<string, number> = {};
			for (const table of Object.keys(STATION_SCOPE)) {
				const all = await total(table);
				const own = (await t.db.query<{ n: number }>(STATION_SCOPE[table], [stationA]))[0].n;
				expected[table] =
					who.label === 'anonymous' ? 0 : who.label === 'station head' || who.label === 'officer' ? own : all;
			}
			for (const table of SHARED) expected[table] = who.label === 'anonymous' ? 0 : await total(table);
			const seen: Record<string, number> = {};
			await rolledBack(t.db, async (tx) => {
				await actAsWho(tx, who);
				for (const table of Object.keys(expected)) {
					// anonymous callers have no grant at all: refused outright rather than filtered
					const err = await errorOf(tx, `select 1 from ${table} limit 1`);
					if (err) {
						expect(err, table).toMatch(/permission denied/);
						seen[table] = 0;
						continue;
					}
					seen[table] = (await tx.query<{ n: number }>(`select count(*)::int n from ${table}`))[0].n;
				}
			});
			if (who.label !== 'anonymous') expect(Object.values(seen).some((n) => n > 0)).toBe(true);
			expect(seen).toEqual(expected);
			if (who.label === 'station head') expect(seen.grids).toBeLessThan(await total('grids'));
		});
	}

	it('shows a command room whose county has no station nothing', async () => {
		const tables = Object.keys(STATION_SCOPE).filter((table) => !table.startsWith('campaign'));
		const seen: Record<string, number> = {};
		await rolledBack(t.db, async (tx) => {
			await actAs(tx, { app_role: 'command', county_id: -1 } as Caller);
			for (const table of tables)
				seen[table] = (await tx.query<{ n: number }>(`select count(*)::int n from ${table}`))[0].n;
		});
		expect(seen).toEqual(Object.fromEntries(tables.map((table) => [table, 0])));
		expect(await total('grids')).toBeGreaterThan(0);
	});

	it('hides a row without a place from every role, those who read every station too', async () => {
		const village = (await t.db.query<{ id: number }>('select id from villages order by id limit 1'))[0].id;
		for (const who of WHO.filter((w) => w.claims())) {
			await rolledBack(t.db, async (tx) => {
				// as the owner: an incident and a key unit with no village (in Sichuan, outside every
				// village, so the locate triggers find none), a change with no place. The database
				// refuses an incident outside the grids, so that one comes in past the triggers, as a
				// restore or a hand-made load might bring it.
				await tx.exec(`set local session_replication_role = replica`);
				await tx.query(
					`insert into incidents (code, category, geom, summary)
					 values ('RLS-NO-VILLAGE', 'dispute', ST_SetSRID(ST_MakePoint(104.07, 30.67), 4326), '无村社警情')`
				);
				await tx.exec(`set local session_replication_role = origin`);
				await tx.query(
					`insert into key_units (name, kind, geom) values ('无村社单位', 'school', ST_SetSRID(ST_MakePoint(104.07, 30.67), 4326))`
				);
				await tx.query(
					`insert into live_changes (kind, op, entity_id, village_id, station_id, data)
					 values ('incident', 'insert', 0, null, null, '{}'), ('incident', 'insert', 0, $1, null, '{}')`,
					[village]
				);
				const placeless = await tx.query<{ n: number }>(
					`select (select count(*) from incidents where village_id is null)::int
					      + (select count(*) from key_units where village_id is null)::int n`
				);
				const placed = (
					await tx.query<{ n: number }>(
						`select count(*)::int n from live_changes where village_id is not null or station_id is not null`
					)
				)[0].n;
				await actAsWho(tx, who);
				const seen = await tx.query<{ incidents: number; key_units: number; changes: number }>(
					`select (select count(*) from incidents where village_id is null)::int incidents,
					        (select count(*) from key_units where village_id is null)::int key_units,
					        (select count(*) from live_changes where village_id is null and station_id is null)::int changes`
				);
				expect(placeless[0].n, who.label).toBe(2);
				expect(seen[0], who.label).toEqual({ incidents: 0, key_units: 0, changes: 0 });
				if (who.label === 'command (city)' || who.label === 'admin') {
					const changes = (await tx.query<{ n: number }>('select count(*)::int n from live_changes'))[0].n;
					expect(changes, who.label).toBe(placed);
				}
			});
		}
	});

	it('masks residents’ personal data for roles that do not need it, in the database', async () => {
		const household = (
			await t.db.query<{ id: number; phone: string; village_station: number }>(
				`select h.id, h.phone from households h join villages v on v.id = h.village_id where v.station_id = $1 order by h.id limit 1`,
				[stationA]
			)
		)[0];
		const people: Record<string, { phone: string; masked: boolean } | undefined> = {};
		for (const who of WHO) {
			await rolledBack(t.db, async (tx) => {
				await actAsWho(tx, who);
				if (who.label === 'anonymous') {
					expect(await errorOf(tx, 'select * from household_people($1)', [`{${household.id}}`])).toMatch(
						/permission denied/
					);
					return;
				}
				expect(await errorOf(tx, 'select phone from households limit 1')).toMatch(/permission denied/);
				const rows = await tx.query<{ phone: string; masked: boolean }>(
					'select phone, masked from household_people($1)',
					[`{${household.id}}`]
				);
				people[who.label] = rows[0];
			});
		}
		expect(people['station head']).toEqual({ phone: household.phone, masked: false });
		expect(people['command (city)']?.masked).toBe(true);
		expect(people['command (city)']?.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
		expect(people['planner']?.masked).toBe(true);
	});
});

describe('writing directly', () => {
	const WRITES: Record<string, string> = {
		insert: `insert into grid_assignments (grid_id, officer_id, role) values (1, 1, 'helper')`,
		update: `update villages set name = 'forged' where id = 1`,
		delete: `delete from incidents where id = 1`,
		'insert audit': `insert into audit_log (action, table_name) values ('forged', 'x')`,
		'update households': `update households set address = 'forged' where id = 1`
	};
	for (const who of WHO) {
		it(`${who.label} cannot write any table directly`, async () => {
			await rolledBack(t.db, async (tx) => {
				await actAsWho(tx, who);
				for (const [op, sql] of Object.entries(WRITES)) {
					expect(await errorOf(tx, sql), `${who.label} ${op}`).toMatch(/permission denied/);
				}
			});
		});
	}
});
