// Who may read, withdraw and tick off what, when a claim or a row has no station or no officer:
// a NULL in a permission test must refuse, never pass. A county-wide campaign belongs to no
// station; a knock list for a grid without an officer has none. Security-definer functions must
// not run a caller's own temp-table triggers with their rights.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlTransaction } from '../../src/lib/server/db/sql.ts';
import { actAs, asOwner, errorOf, rolledBack, testDatabase, type TestDatabase } from './engine.ts';

let t: TestDatabase;
let township: number;
let inside: number;
let outside: number;

beforeAll(async () => {
	t = await testDatabase();
	const rows = await t.db.query<{ township_id: number; station_id: number }>(
		`select v.township_id, min(v.station_id) as station_id from villages v
		 group by v.township_id having count(distinct v.station_id) = 1 order by count(*) desc, v.township_id`
	);
	township = rows[0].township_id;
	inside = rows[0].station_id;
	outside = rows.find((r) => r.station_id !== inside)!.station_id;
});

async function one<T>(tx: SqlTransaction, sql: string, params: (string | number)[] = []): Promise<T> {
	return (await tx.query<{ r: T }>(`select ${sql} as r`, params))[0].r;
}

const day = (offset: number) => new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);

/** A county-wide campaign (no station) over one township, with a named team. */
async function countyCampaign(tx: SqlTransaction): Promise<number> {
	await actAs(tx, { app_role: 'command' });
	const { id } = await one<{ id: number }>(tx, 'create_campaign($1::text)', [
		JSON.stringify({
			name: '全县反诈敲门行动',
			starts_on: day(-2),
			ends_on: day(30),
			scope: { township_ids: [township] },
			block_count: 2,
			teams: [{ name: '第一组', members: [{ name: '张警官', kind: 'police' }], blocks: ['第1区块'] }]
		})
	]);
	return id;
}

describe('a county-wide campaign', () => {
	it('cannot be withdrawn by a station head, inside its scope or not; nothing is deleted', async () => {
		await rolledBack(t.db, async (tx) => {
			const id = await countyCampaign(tx);
			await asOwner(tx);
			const blocks = await one<number>(
				tx,
				'(select count(*)::int from campaign_blocks where campaign_id = $1)',
				[id]
			);
			expect(blocks).toBe(2);
			for (const station of [outside, inside]) {
				await actAs(tx, { app_role: 'station_head', station_id: station });
				expect(await errorOf(tx, 'select delete_campaign($1)', [id])).toBe('campaign_delete_not_allowed');
			}
			await asOwner(tx);
			expect(await one<number>(tx, '(select count(*)::int from campaigns where id = $1)', [id])).toBe(1);
			expect(
				await one<number>(tx, '(select count(*)::int from campaign_blocks where campaign_id = $1)', [id])
			).toBe(blocks);
			await actAs(tx, { app_role: 'command' });
			expect(await one(tx, 'delete_campaign($1)', [id])).toEqual({ id, deleted: true });
		});
	});

	it('is read, with its team members, only by the stations it reaches', async () => {
		await rolledBack(t.db, async (tx) => {
			const id = await countyCampaign(tx);
			const seen = async () => ({
				campaigns: await one<number>(tx, '(select count(*)::int from campaigns where id = $1)', [id]),
				blocks: await one<number>(tx, '(select count(*)::int from campaign_blocks where campaign_id = $1)', [
					id
				]),
				members: await one<number>(
					tx,
					`(select count(*)::int from campaign_team_members m join campaign_teams t on t.id = m.team_id
					  where t.campaign_id = $1)`,
					[id]
				),
				listed: (await one<{ id: number }[]>(tx, 'list_campaigns()')).some((c) => c.id === id),
				progress:
					(await one<{ teams: unknown[] } | null>(tx, 'campaign_progress($1)', [id]))?.teams.length ?? null
			});
			await actAs(tx, { app_role: 'station_head', station_id: outside });
			expect(await seen()).toEqual({ campaigns: 0, blocks: 0, members: 0, listed: false, progress: null });
			await actAs(tx, { app_role: 'officer', station_id: outside, officer_id: -1 });
			expect((await seen()).members).toBe(0);
			await actAs(tx, { app_role: 'station_head', station_id: inside });
			expect(await seen()).toEqual({ campaigns: 1, blocks: 2, members: 1, listed: true, progress: 1 });
			await actAs(tx, { app_role: 'command' });
			expect((await seen()).campaigns).toBe(1);
		});
	});
});

describe('a knock list for a grid with no officer', () => {
	it('refuses every officer, and audits the head who ticks a door off', async () => {
		await rolledBack(t.db, async (tx) => {
			const [inc] = await tx.query<{ id: number; grid_id: number; station_id: number }>(
				`select i.id, i.grid_id, i.station_id from incidents i
				 where i.category = 'fraud' and i.grid_id is not null and i.station_id is not null order by i.id limit 1`
			);
			// the grid loses its officer
			await tx.query(
				`update grid_assignments set during = tstzrange(lower(during), now())
				 where grid_id = $1 and upper_inf(during)`,
				[inc.grid_id]
			);
			await actAs(tx, { app_role: 'station_head', station_id: inc.station_id });
			const list = await one<{ id: number; officer_id: number | null }>(
				tx,
				'spawn_knock_list($1, 3, current_date + 3, false)',
				[inc.id]
			);
			expect(list.officer_id).toBeNull();
			await asOwner(tx);
			const [door] = await tx.query<{ household_id: number }>(
				'select household_id from knock_list_households where list_id = $1 order by household_id limit 1',
				[list.id]
			);
			const anyOfficer = await one<number>(tx, '(select min(id)::int from officers where station_id = $1)', [
				inc.station_id
			]);
			await actAs(tx, { app_role: 'officer', station_id: inc.station_id, officer_id: anyOfficer });
			expect(await errorOf(tx, 'select record_knock($1, $2)', [list.id, door.household_id])).toBe(
				'knock_not_allowed'
			);
			await actAs(tx, {
				app_role: 'station_head',
				station_id: outside === inc.station_id ? inside : outside
			});
			expect(await errorOf(tx, 'select record_knock($1, $2)', [list.id, door.household_id])).toBe(
				'knock_not_allowed'
			);
			await actAs(tx, { app_role: 'station_head', station_id: inc.station_id });
			await one(tx, `record_knock($1, $2, 'visited')`, [list.id, door.household_id]);
			await asOwner(tx);
			const audit = await tx.query<{ after: { household_id: number; outcome: string } }>(
				`select after from audit_log where action = 'record_knock' and table_name = 'knock_lists' and row_id = $1`,
				[list.id]
			);
			expect(audit.map((a) => a.after)).toEqual([{ household_id: door.household_id, outcome: 'visited' }]);
		});
	});
});

describe('security-definer functions and the caller’s temp tables', () => {
	/** A temp table of the name a function uses, with a trigger that records whose rights it ran with. */
	async function trap(tx: SqlTransaction, table: string, columns: string): Promise<void> {
		await tx.exec(`
			create temp table trap_evidence (who text);
			create temp table ${table} (${columns});
			create function pg_temp.trap() returns trigger language plpgsql as $f$
			begin insert into pg_temp.trap_evidence values (current_user); return new; end $f$;
			create trigger trap after insert on pg_temp.${table} for each row execute function pg_temp.trap();`);
		// the trap is armed: a row the caller inserts is recorded with the caller's own rights
		await tx.exec(`insert into pg_temp.${table} default values`);
		expect(await tx.query('select who from pg_temp.trap_evidence')).toEqual([{ who: 'authenticated' }]);
		await tx.exec(`delete from pg_temp.trap_evidence; delete from pg_temp.${table}`);
	}

	it('planning a campaign never runs them', async () => {
		await rolledBack(t.db, async (tx) => {
			await actAs(tx, { app_role: 'station_head', station_id: inside });
			await trap(tx, 'campaign_plan_blocks', 'no integer, name text, grid_id bigint');
			await one(tx, 'create_campaign($1::text)', [
				JSON.stringify({
					name: '临时表测试',
					starts_on: day(-1),
					ends_on: day(10),
					scope: { township_ids: [township] },
					block_count: 2
				})
			]);
			expect(await tx.query('select who from pg_temp.trap_evidence')).toEqual([]);
		});
	});

	it('recording visits never runs them', async () => {
		await rolledBack(t.db, async (tx) => {
			const [h] = await tx.query<{ id: number; lon: number; lat: number; campaign_id: number }>(
				`select h.id, ST_X(h.geom) lon, ST_Y(h.geom) lat, bg.campaign_id
				 from campaign_block_grids bg join households h on h.grid_id = bg.grid_id
				 join campaigns c on c.id = bg.campaign_id
				 where c.ends_on >= current_date and not exists (
				   select 1 from campaign_households s where s.household_id = h.id and s.campaign_id = c.id and s.visited_at is not null)
				 order by h.id limit 1`
			);
			await actAs(tx, { app_role: 'admin' });
			await trap(
				tx,
				'campaign_visit_added',
				'id bigint, household_id bigint, dispute_found boolean, visited_at timestamptz'
			);
			const result = await one<{ accepted: number }>(tx, 'record_visits($1, $2::text)', [
				h.campaign_id,
				JSON.stringify([
					{
						client_key: '00000000-0000-4000-8000-00000000e1e1',
						household_id: h.id,
						visited_at: new Date().toISOString(),
						outcome: 'visited',
						visitor_kind: 'police',
						lon: h.lon,
						lat: h.lat
					}
				])
			]);
			expect(result.accepted).toBe(1);
			expect(await tx.query('select who from pg_temp.trap_evidence')).toEqual([]);
		});
	});
});

describe('a queued visit', () => {
	it('is accepted only from the account that recorded it', async () => {
		await rolledBack(t.db, async (tx) => {
			const homes = await tx.query<{ id: number; campaign_id: number }>(
				`select h.id, bg.campaign_id
				 from campaign_block_grids bg join households h on h.grid_id = bg.grid_id
				 where bg.campaign_id = (select min(id) from campaigns where ends_on >= current_date)
				 order by h.id limit 2`
			);
			const recorder = '00000000-0000-4000-8000-0000000000e1';
			await actAs(tx, { sub: recorder, app_role: 'admin' });
			const v = (household_id: number, recorded_by: string, n: number) => ({
				client_key: `00000000-0000-4000-8000-0000000e2e${n}0`,
				household_id,
				visited_at: new Date().toISOString(),
				outcome: 'visited',
				visitor_kind: 'police',
				recorded_by
			});
			const result = await one<{ accepted: number; rejected: { household_id: number; reason: string }[] }>(
				tx,
				'record_visits($1, $2::text)',
				[
					homes[0].campaign_id,
					JSON.stringify([
						v(homes[0].id, recorder, 1),
						v(homes[1].id, '00000000-0000-4000-8000-00000000dead', 2)
					])
				]
			);
			expect(result.accepted).toBe(1);
			expect(result.rejected).toEqual([
				expect.objectContaining({ household_id: homes[1].id, reason: 'visit_recorded_by_other' })
			]);
		});
	});
});
