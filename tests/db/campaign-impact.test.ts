// Did the door-knocking work? The demo's incidents are drawn without regard to the visits, so the
// campaign's rate ratio against comparable grids must have an interval around 1; with 30% of the
// fraud cases after each grid's first visits taken away (a known effect), the fraud ratio must
// fall and its interval hold 0.7. Scope and refusal as for the other campaign figures.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlClient } from '../../src/lib/server/db/sql.ts';
import { actAs, asOwner, rolledBack, testDatabase, type TestDatabase } from './engine.ts';

let t: TestDatabase;
beforeAll(async () => {
	t = await testDatabase();
});

type Tx = Pick<SqlClient, 'query' | 'exec'>;
interface ImpactRow {
	level: 'campaign' | 'station' | 'village' | 'grid';
	id: number;
	category: string;
	grids: number;
	before: number;
	after: number;
	comparison_before: number;
	comparison_after: number;
	rr: number | null;
	lo: number | null;
	hi: number | null;
}

async function impact(tx: Tx, campaign: number): Promise<ImpactRow[] | null> {
	const [{ r }] = await tx.query<{ r: { rows: ImpactRow[] } | null }>('select public.campaign_impact($1) r', [
		campaign
	]);
	return r?.rows ?? null;
}

const row = (rows: ImpactRow[], level: ImpactRow['level'], category: string) =>
	rows.find((r) => r.level === level && r.category === category)!;

/** The running campaign with the most reached grids. */
async function campaignOf(tx: Tx): Promise<number> {
	const [{ id }] = await tx.query<{ id: number }>(
		`select campaign_id::int id from campaign_visit_days group by 1 order by count(distinct grid_id) desc, 1 limit 1`
	);
	return id;
}

describe('campaign impact', () => {
	it('finds no change where there is none, and recovers a known 30% fall in fraud', async () => {
		await rolledBack(t.db, async (tx) => {
			const campaign = await campaignOf(tx);
			await actAs(tx, { app_role: 'command' });
			const none = (await impact(tx, campaign))!;
			const all = row(none, 'campaign', 'all');
			const fraud = row(none, 'campaign', 'fraud');
			expect(all.grids).toBeGreaterThan(50);
			expect(all.before).toBeGreaterThan(300);
			for (const r of [all, fraud]) {
				expect(r.rr).not.toBeNull();
				expect(r.lo!).toBeLessThan(1);
				expect(r.hi!).toBeGreaterThan(1);
			}
			// the per-category rows add up to the whole
			const categories = none.filter((r) => r.level === 'campaign' && r.category !== 'all');
			expect(categories.reduce((a, r) => a + r.before, 0)).toBe(all.before);
			expect(categories.reduce((a, r) => a + r.after, 0)).toBe(all.after);
			// the stations' grids make the campaign's
			const stations = none.filter((r) => r.level === 'station' && r.category === 'all');
			expect(stations.reduce((a, r) => a + r.grids, 0)).toBe(all.grids);

			// a known effect: 30% of the fraud cases after each reached grid's first visits removed
			await asOwner(tx);
			const [{ removed }] = await tx.query<{ removed: number }>(
				`with starts as (select grid_id, min(day) d from campaign_visit_days
				                 where campaign_id = $1 and visits > 0 group by 1),
				 gone as (delete from incidents i using starts s
				          where i.grid_id = s.grid_id and i.category = 'fraud'
				            and (i.occurred_at at time zone 'Asia/Shanghai')::date >= s.d
				            and (hashint8(i.id) & 1023) < 307 returning 1)
				 select count(*)::int removed from gone`,
				[campaign]
			);
			expect(removed).toBeGreaterThan(10);
			await actAs(tx, { app_role: 'command' });
			const known = (await impact(tx, campaign))!;
			const after = row(known, 'campaign', 'fraud');
			// (removed counts every date after the start, the windows end sooner)
			expect(after.after).toBeLessThan(fraud.after * 0.8);
			expect(after.after).toBeGreaterThanOrEqual(fraud.after - removed);
			expect(after.before).toBe(fraud.before);
			expect(after.rr!).toBeLessThan(fraud.rr! * 0.8);
			expect(after.lo!).toBeLessThanOrEqual(0.7);
			expect(after.hi!).toBeGreaterThanOrEqual(0.7);
			// other categories do not move
			expect(row(known, 'campaign', 'dispute')).toEqual(row(none, 'campaign', 'dispute'));
		});
	});

	it('gives no ratio below the minimum count, shows a head only their grids, and nothing to a stranger', async () => {
		await rolledBack(t.db, async (tx) => {
			const campaign = await campaignOf(tx);
			await actAs(tx, { app_role: 'command' });
			const rows = (await impact(tx, campaign))!;
			for (const r of rows)
				if (Math.min(r.before, r.after, r.comparison_before, r.comparison_after) < 10)
					expect(r.rr).toBeNull();
				else expect(r.lo!).toBeLessThanOrEqual(r.rr!);
			const station = rows.find((r) => r.level === 'station' && r.category === 'all')!;
			await asOwner(tx);
			await actAs(tx, { app_role: 'station_head', station_id: station.id });
			const head = (await impact(tx, campaign))!;
			expect(head.filter((r) => r.level === 'station').map((r) => r.id)).toEqual(
				head.filter((r) => r.level === 'station').map(() => station.id)
			);
			expect(row(head, 'campaign', 'all').grids).toBe(station.grids);
			await asOwner(tx);
			const [{ other }] = await tx.query<{ other: number | null }>(
				`select min(s.id)::int other from stations s
				 where s.id not in (select v.station_id from campaign_block_grids bg join grids g on g.id = bg.grid_id
				                    join villages v on v.id = g.village_id where bg.campaign_id = $1)`,
				[campaign]
			);
			if (other !== null) {
				await actAs(tx, { app_role: 'station_head', station_id: other });
				expect(await impact(tx, campaign)).toBeNull();
			}
		});
	});
});
