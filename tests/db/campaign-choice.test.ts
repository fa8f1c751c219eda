// Which campaign the figures follow: the user's choice while it runs, else the largest running
// campaign of the user's jurisdiction — a head's small campaign no longer replaces the county's.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlTransaction } from '../../src/lib/server/db/sql.ts';
import { actAs, asOwner, errorOf, rolledBack, testDatabase, type TestDatabase } from './engine.ts';

let t: TestDatabase;
let township: number;
let station: number;
let otherStation: number;
let countyCampaign: number;

const HEAD = '00000000-0000-4000-8000-00000000c401';
const COMMAND = '00000000-0000-4000-8000-00000000c402';
const OTHER_HEAD = '00000000-0000-4000-8000-00000000c403';

beforeAll(async () => {
	t = await testDatabase();
	countyCampaign = (
		await t.db.query<{ id: number }>(
			`select c.id from campaigns c join campaign_block_grids bg on bg.campaign_id = c.id
			 where (now() at time zone 'Asia/Shanghai')::date between c.starts_on and c.ends_on
			 group by c.id order by count(*) desc limit 1`
		)
	)[0].id;
	// a township of one station that the county campaign reaches
	const rows = await t.db.query<{ township_id: number; station_id: number }>(
		`select v.township_id, min(v.station_id) as station_id from villages v
		 group by v.township_id having count(distinct v.station_id) = 1
		 order by exists (select 1 from campaign_block_grids bg join grids g on g.id = bg.grid_id
		                  join villages w on w.id = g.village_id
		                  where bg.campaign_id = $1 and w.township_id = v.township_id) desc,
		          count(*), v.township_id`,
		[countyCampaign]
	);
	township = rows[0].township_id;
	station = rows[0].station_id;
	otherStation = rows.find((r) => r.station_id !== station)!.station_id;
});

async function one<T>(tx: SqlTransaction, sql: string, params: (string | number | null)[] = []): Promise<T> {
	return (await tx.query<{ r: T }>(`select ${sql} as r`, params))[0].r;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** a running campaign of one township of the head's station */
async function smallCampaign(tx: SqlTransaction, name = '派出所小范围测试行动'): Promise<number> {
	await actAs(tx, { sub: HEAD, app_role: 'station_head', station_id: station });
	const { id } = await one<{ id: number }>(tx, 'create_campaign($1::text)::jsonb', [
		JSON.stringify({
			name,
			starts_on: day(-1),
			ends_on: day(20),
			topics: ['anti_fraud'],
			target_share: 0.8,
			scope: { township_ids: [township] },
			block_count: 1
		})
	]);
	return id;
}

describe('the campaign the figures follow', () => {
	it('is the largest running campaign of the jurisdiction, not the newest', async () => {
		await rolledBack(t.db, async (tx) => {
			const small = await smallCampaign(tx as SqlTransaction);
			expect(small).toBeGreaterThan(countyCampaign);
			for (const [sub, role, st] of [
				[COMMAND, 'command', null],
				[HEAD, 'station_head', station]
			] as const) {
				await actAs(tx, { sub, app_role: role, station_id: st });
				expect(await one<number>(tx as SqlTransaction, 'current_campaign_id()')).toBe(countyCampaign);
			}
			const choice = await one<{
				current: number;
				chosen: number | null;
				running: { id: number; total_grids: number }[];
			}>(tx as SqlTransaction, 'campaign_choice()::jsonb');
			expect(choice.current).toBe(countyCampaign);
			expect(choice.chosen).toBeNull();
			expect(choice.running.map((r) => r.id)).toEqual([countyCampaign, small]);
			expect(choice.running[0].total_grids).toBeGreaterThan(choice.running[1].total_grids);
		});
	});

	it('follows a user’s choice for that user only, and back to the default on request', async () => {
		await rolledBack(t.db, async (tx) => {
			const small = await smallCampaign(tx as SqlTransaction);
			await actAs(tx, { sub: HEAD, app_role: 'station_head', station_id: station });
			const before = await one<{ campaign: { households: number; now: number } }>(
				tx as SqlTransaction,
				'command_kpis()::jsonb'
			);
			const chosen = await one<{ current: number; chosen: number }>(
				tx as SqlTransaction,
				'choose_campaign($1)::jsonb',
				[small]
			);
			expect(chosen).toMatchObject({ current: small, chosen: small });
			expect(await one<number>(tx as SqlTransaction, 'current_campaign_id()')).toBe(small);
			// the figures follow: the new campaign's households, none of them visited yet
			const after = await one<{ campaign: { households: number; now: number } }>(
				tx as SqlTransaction,
				'command_kpis()::jsonb'
			);
			expect(before.campaign.now).toBeGreaterThan(0);
			expect(after.campaign.now).toBe(0);
			await asOwner(tx);
			const truth = (
				await tx.query<{ n: number }>(
					`select count(*)::int as n from households h
					 where h.grid_id in (select grid_id from campaign_block_grids where campaign_id = $1)`,
					[small]
				)
			)[0].n;
			expect(truth).toBeGreaterThan(0);
			expect(after.campaign.households).toBe(truth);
			await actAs(tx, { sub: HEAD, app_role: 'station_head', station_id: station });
			// nobody else's view changed
			await actAs(tx, { sub: COMMAND, app_role: 'command' });
			expect(await one<number>(tx as SqlTransaction, 'current_campaign_id()')).toBe(countyCampaign);
			await actAs(tx, { sub: HEAD, app_role: 'station_head', station_id: station });
			expect(
				await one<{ current: number }>(tx as SqlTransaction, 'choose_campaign(null)::jsonb')
			).toMatchObject({
				current: countyCampaign
			});
		});
	});

	it('refuses a campaign that is not running or not in the jurisdiction, and changes nothing', async () => {
		await rolledBack(t.db, async (tx) => {
			const small = await smallCampaign(tx as SqlTransaction);
			await asOwner(tx);
			const ended = (
				await tx.query<{ id: number }>(
					`insert into campaigns (name, starts_on, ends_on, station_id) values ('已结束的行动', $1, $2, $3) returning id`,
					[day(-60), day(-30), station]
				)
			)[0].id;
			await actAs(tx, { sub: HEAD, app_role: 'station_head', station_id: station });
			expect(await errorOf(tx, 'select choose_campaign($1)', [ended])).toBe('campaign_not_running');
			await actAs(tx, { sub: OTHER_HEAD, app_role: 'station_head', station_id: otherStation });
			expect(await errorOf(tx, 'select choose_campaign($1)', [small])).toBe('campaign_not_running');
			expect(
				await one<number | null>(tx as SqlTransaction, '(campaign_choice()::jsonb ->> $1)::bigint', [
					'chosen'
				])
			).toBeNull();
			await asOwner(tx);
			expect(
				(await tx.query<{ n: number }>('select count(*)::int as n from app.campaign_choices'))[0].n
			).toBe(0);
		});
	});
});
