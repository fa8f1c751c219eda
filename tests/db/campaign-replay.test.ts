// The replay: the database sends each household's door-state changes per China day, the client
// (campaign-replay.ts) steps through them. Both compute the same figures as the SQL the rest of
// the app uses: on the last day each door's state is its door-list state, and on every day the
// visited doors are the progress chart's cumulative newly visited. A head gets their station's
// doors only, a stranger nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { STATE_COLOURS } from '../../src/lib/features/campaigns/campaign-layers.ts';
import { Replay, type ReplayColumns } from '../../src/lib/features/campaigns/campaign-replay.ts';
import type { BlockHouseholds, CampaignProgress } from '../../src/lib/features/campaigns/campaign-types.ts';
import type { SqlClient } from '../../src/lib/server/db/sql.ts';
import { actAs, asOwner, rolledBack, testDatabase, type TestDatabase } from './engine.ts';

let t: TestDatabase;
beforeAll(async () => {
	t = await testDatabase();
});

type Tx = Pick<SqlClient, 'query' | 'exec'>;
const CAMPAIGN = 1;

async function call<T>(tx: Tx, text: string, params: unknown[]): Promise<T | null> {
	const [{ r }] = await tx.query<{ r: T | null }>(text, params as (string | number | null)[]);
	return r;
}
const replayOf = (tx: Tx) => call<ReplayColumns>(tx, 'select public.campaign_replay($1) r', [CAMPAIGN]);

describe('campaign replay', () => {
	it('agrees with the door lists on the last day and with the progress chart on every day', async () => {
		await rolledBack(t.db, async (tx) => {
			await actAs(tx, { app_role: 'command' });
			const columns = (await replayOf(tx))!;
			const replay = new Replay(columns, STATE_COLOURS);
			expect(replay.size).toBeGreaterThan(1000);
			expect(columns.change.day.length).toBeGreaterThan(replay.size / 3);

			const blocks = await tx.query<{ id: number }>(
				'select id::int from campaign_blocks where campaign_id = $1 order by id',
				[CAMPAIGN]
			);
			const doors = (await call<BlockHouseholds>(tx, 'select public.campaign_block_households($1, $2) r', [
				CAMPAIGN,
				`{${blocks.map((b) => b.id).join(',')}}`
			]))!;
			expect([...columns.household.id]).toEqual([...doors.id]);
			replay.seek(replay.days - 1);
			const mismatched = doors.id.filter((_, i) => replay.stateOf(i) !== doors.state[i]);
			expect(mismatched).toEqual([]);
			// every state occurs, so the comparison is not all one colour
			expect(replay.counts.every((n) => n > 0)).toBe(true);

			const progress = (await call<CampaignProgress>(tx, 'select public.campaign_progress($1) r', [
				CAMPAIGN
			]))!;
			const newly = new Map(progress.days.map((d) => [d.day, d.newly_visited]));
			let cumulative = 0;
			for (let day = 0; day < replay.days; day++) {
				cumulative += newly.get(replay.dateOf(day)) ?? 0;
				replay.seek(day);
				expect([replay.dateOf(day), replay.counts[1]]).toEqual([replay.dateOf(day), cumulative]);
			}
			expect(cumulative).toBe(progress.totals.visited);
			// and back to the first day: fewer visited than at the end
			replay.seek(0);
			expect(replay.counts[1]).toBeLessThan(cumulative / 10);
		});
	});

	it("gives a head their station's doors only, and a stranger nothing", async () => {
		await rolledBack(t.db, async (tx) => {
			await actAs(tx, { app_role: 'command' });
			const all = (await replayOf(tx))!;
			await asOwner(tx);
			const [{ station }] = await tx.query<{ station: number }>(
				`select v.station_id::int station from campaign_block_grids bg join grids g on g.id = bg.grid_id
				 join villages v on v.id = g.village_id where bg.campaign_id = $1
				 group by 1 order by count(*) desc limit 1`,
				[CAMPAIGN]
			);
			const [{ other }] = await tx.query<{ other: number }>(
				`select min(s.id)::int other from stations s
				 where s.id not in (select v.station_id from campaign_block_grids bg join grids g on g.id = bg.grid_id
				                    join villages v on v.id = g.village_id where bg.campaign_id = $1)`,
				[CAMPAIGN]
			);
			const [{ n }] = await tx.query<{ n: number }>(
				`select count(*)::int n from households h join grids g on g.id = h.grid_id
				 join villages v on v.id = g.village_id
				 where v.station_id = $2 and h.grid_id in (select grid_id from campaign_block_grids where campaign_id = $1)`,
				[CAMPAIGN, station]
			);
			await actAs(tx, { app_role: 'station_head', station_id: station });
			const head = (await replayOf(tx))!;
			expect(head.household.id.length).toBe(n);
			expect(head.household.id.length).toBeLessThan(all.household.id.length);
			const mine = new Set(head.household.id);
			expect(head.change.household.every((h) => mine.has(h))).toBe(true);
			await asOwner(tx);
			await actAs(tx, { app_role: 'station_head', station_id: other });
			expect(await replayOf(tx)).toBeNull();
		});
	});
});
