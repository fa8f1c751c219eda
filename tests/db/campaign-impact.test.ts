// Did the door-knocking work? The demo's fraud falls by a known 30% in each reached grid from its
// first visits on (the generator's campaign effect), so the campaign's fraud ratio against
// comparable grids must be below 1 with an interval holding 0.7, and other categories must show
// no change; with the prevented incidents put back (the data as generated without the effect),
// the intervals must hold 1. Scope and refusal as for the other campaign figures.
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, generateDetailed } from '../../scripts/demo/generate.ts';
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
	it('recovers the known 30% fall in fraud, and finds no change without it', async () => {
		// the shared database's data, from the same generator: as it is, and without the effect
		const same = { scale: t.demo.scale, seed: t.demo.seed, now: new Date(t.demo.now) };
		const { prevented } = generateDetailed(same);
		const plain = generate({ ...same, campaignEffect: 0 });
		expect(plain.incidents.length - t.demo.incidents.length).toBe(prevented.length);
		expect(prevented.length).toBeGreaterThan(10);
		expect(prevented.every((i) => i.category === 'fraud')).toBe(true);

		await rolledBack(t.db, async (tx) => {
			const campaign = await campaignOf(tx);
			await actAs(tx, { app_role: 'command' });
			const known = (await impact(tx, campaign))!;
			const all = row(known, 'campaign', 'all');
			const fraud = row(known, 'campaign', 'fraud');
			const dispute = row(known, 'campaign', 'dispute');
			expect(all.grids).toBeGreaterThan(50);
			expect(all.before).toBeGreaterThan(300);
			expect(fraud.rr!).toBeLessThan(1);
			expect(fraud.lo!).toBeLessThanOrEqual(0.7);
			expect(fraud.hi!).toBeGreaterThanOrEqual(0.7);
			expect(dispute.lo!).toBeLessThan(1);
			expect(dispute.hi!).toBeGreaterThan(1);
			// the per-category rows add up to the whole
			const categories = known.filter((r) => r.level === 'campaign' && r.category !== 'all');
			expect(categories.reduce((a, r) => a + r.before, 0)).toBe(all.before);
			expect(categories.reduce((a, r) => a + r.after, 0)).toBe(all.after);
			// the stations' grids make the campaign's
			const stations = known.filter((r) => r.level === 'station' && r.category === 'all');
			expect(stations.reduce((a, r) => a + r.grids, 0)).toBe(all.grids);

			// no effect: the prevented incidents back (new ids and codes; the rest is as generated)
			await asOwner(tx);
			await tx.query(
				`insert into incidents (id, code, category, status, priority, summary, occurred_at, updated_at,
				                        mediation_status, geom)
				 select m.id + r.n, 'PREVENTED-' || r.n, r.category, r.status, r.priority, r.summary, r.occurred_at,
				        r.occurred_at, r.mediation_status, ST_SetSRID(ST_GeomFromGeoJSON(r.geom::text), 4326)
				 from (select max(id) id from incidents) m,
				      json_to_recordset($1::text::json) as r(n bigint, category text, status text, priority smallint,
				        summary text, occurred_at timestamptz, mediation_status text, geom json)`,
				[JSON.stringify(prevented.map((i, n) => ({ n: n + 1, ...i })))]
			);
			await actAs(tx, { app_role: 'command' });
			const none = (await impact(tx, campaign))!;
			for (const r of [row(none, 'campaign', 'all'), row(none, 'campaign', 'fraud')]) {
				expect(r.rr).not.toBeNull();
				expect(r.lo!).toBeLessThan(1);
				expect(r.hi!).toBeGreaterThan(1);
			}
			const without = row(none, 'campaign', 'fraud');
			// (prevented counts every date after the start, the windows end sooner)
			expect(without.after).toBeGreaterThan(fraud.after);
			expect(without.after).toBeLessThanOrEqual(fraud.after + prevented.length);
			expect(without.before).toBe(fraud.before);
			// other categories do not move
			for (const r of known.filter((r) => r.category !== 'fraud' && r.category !== 'all'))
				expect(none.find((n) => n.level === r.level && n.id === r.id && n.category === r.category)).toEqual(
					r
				);
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
