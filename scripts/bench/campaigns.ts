// campaign.recompute: the campaign page's refresh (progress per block, team and day, outcomes,
// and visited share per grid) for the demo campaign grown to 500,000 visits, as the command room.
// campaign.offline_flush: a phone's outbox of 1,000 visits sent as the field page sends it
// (batches of 500 through record_visits, as an officer), in a transaction rolled back afterwards
// so the bench database stays as it was.
// campaign.impact: 走访后发案变化 of the campaign with most reached grids, as the command room.
import { rpcPort } from '../../src/lib/server/db/rpc.ts';
import type { Claims } from '../../src/lib/server/db/port.ts';
import type { SqlClient } from '../../src/lib/server/db/sql.ts';
import type { DemoScale } from '../../src/lib/types/domain.ts';
import { timing, type BenchResult } from './result.ts';

const VISITS = 500_000;
const CHUNK = 50_000;
const FLUSH = 1_000;
const BATCH = 500;

/**
 * Tops the demo campaign up to VISITS visits, idempotently: synthetic visits carry keys derived
 * from their number (md5 → uuid), so a rerun inserts only what is missing.
 */
async function growCampaign(db: SqlClient, log: (line: string) => void): Promise<number> {
	const [{ n }] = await db.query<{ n: number }>(
		'select count(*)::int as n from campaign_visits where campaign_id = 1'
	);
	if (n >= VISITS) return n;
	log(`campaign: adding ${VISITS - n} visits …`);
	// households in the campaign's scope, numbered, so visit k goes to household k mod count
	await db.exec(`create temporary table if not exists bench_scope as
		select row_number() over (order by h.id) - 1 as k, h.id from households h
		join campaign_block_grids bg on bg.grid_id = h.grid_id and bg.campaign_id = 1`);
	const [{ households }] = await db.query<{ households: number }>(
		'select count(*)::int as households from bench_scope'
	);
	// bench data, not news: keep it out of the live change log
	await db.query("select set_config('app.bulk_load', 'on', false)");
	for (let from = 0; from < VISITS; from += CHUNK) {
		await db.query(
			`insert into campaign_visits (campaign_id, household_id, grid_id, block_id, visited_at, outcome, visitor_kind,
			   topics, fraud_risk_found, money_protected, client_key)
			 select 1, s.id, 0, 0, c.starts_on + ((g % 55) || ' days')::interval + ((g % 600) || ' minutes')::interval + interval '8 hours',
			   (array['visited', 'visited', 'visited', 'nobody_home', 'refused'])[1 + g % 5], 'volunteer',
			   '{anti_fraud}', g % 97 = 0, case when g % 97 = 0 then 1000 else 0 end, md5('bench-visit-' || g)::uuid
			 from generate_series($1::int, $2::int) g
			 join bench_scope s on s.k = g % $3
			 cross join campaigns c where c.id = 1
			 on conflict (client_key) do nothing`,
			[from, Math.min(VISITS, from + CHUNK) - 1, households]
		);
		log(`  … ${Math.min(VISITS, from + CHUNK)}`);
	}
	await db.query("select set_config('app.bulk_load', '', false)");
	return (
		await db.query<{ n: number }>('select count(*)::int as n from campaign_visits where campaign_id = 1')
	)[0].n;
}

const claims = (app_role: string, station_id: number | null = null): Claims => ({
	sub: '00000000-0000-4000-8000-00000000be7c',
	role: 'authenticated',
	app_metadata: { app_role: app_role as 'command', station_id, county_id: null, officer_id: null }
});

export async function benchCampaigns(
	scale: DemoScale,
	db: SqlClient,
	runs: number,
	log: (line: string) => void,
	wanted: (name: string) => boolean
): Promise<BenchResult[]> {
	const results: BenchResult[] = [];
	const port = rpcPort(db);
	if (wanted('campaign.recompute')) {
		const visits =
			scale === 'city'
				? await growCampaign(db, log)
				: (await db.query<{ n: number }>('select count(*)::int as n from campaign_visits'))[0].n;
		log(`campaign.recompute over ${visits} visits …`);
		const samples: number[] = [];
		for (let i = 0; i < runs + 1; i++) {
			const t0 = performance.now();
			await Promise.all([
				port.callJson('campaign_progress', { campaign_id: 1 }, claims('command')),
				port.callJson('campaign_visited_share', { campaign_id: 1 }, claims('command'))
			]);
			// the first run warms the caches
			if (i > 0) samples.push(performance.now() - t0);
		}
		results.push(
			timing('campaign.recompute', scale, samples, {
				note: `campaign page refresh (progress + visited share per grid), command room, ${visits} visits; target ≤ 1 s`
			})
		);
	}
	if (wanted('campaign.impact')) {
		// the campaign with most reached grids, as the command room opens its page
		const [{ id }] = await db.query<{ id: number }>(
			'select campaign_id::int id from campaign_visit_days group by 1 order by count(distinct grid_id) desc, 1 limit 1'
		);
		log(`campaign.impact of campaign ${id} …`);
		const samples: number[] = [];
		let grids = 0;
		for (let i = 0; i < runs + 1; i++) {
			const t0 = performance.now();
			const text = await port.callJson('campaign_impact', { campaign_id: id }, claims('command'));
			if (i > 0) samples.push(performance.now() - t0);
			const all = (
				JSON.parse(text) as { rows: { level: string; category: string; grids: number }[] }
			).rows.find((r) => r.level === 'campaign' && r.category === 'all');
			grids = all?.grids ?? 0;
		}
		results.push(
			timing('campaign.impact', scale, samples, {
				note: `走访后发案变化 of campaign ${id} (${grids} reached grids, each beside its five most alike grids not yet reached), command room; target ≤ 1 s at city`
			})
		);
	}
	if (wanted('campaign.offline_flush')) {
		// the station with the most households in the campaign, and 1,000 of them
		const [{ station }] = await db.query<{ station: number }>(
			`select v.station_id as station from campaign_block_grids bg join households h on h.grid_id = bg.grid_id
			 join villages v on v.id = h.village_id where bg.campaign_id = 1 group by v.station_id order by count(*) desc limit 1`
		);
		const homes = await db.query<{ id: number; lon: number; lat: number }>(
			`select h.id, ST_X(h.geom) as lon, ST_Y(h.geom) as lat from campaign_block_grids bg
			 join households h on h.grid_id = bg.grid_id join villages v on v.id = h.village_id
			 where bg.campaign_id = 1 and v.station_id = $1 order by h.id limit $2`,
			[station, FLUSH]
		);
		log(`campaign.offline_flush: ${homes.length} visits …`);
		const samples: number[] = [];
		for (let r = 0; r < runs; r++) {
			const visits = homes.map((h, i) => ({
				client_key: crypto.randomUUID(),
				household_id: h.id,
				visited_at: new Date(Date.now() - (FLUSH - i) * 20_000).toISOString(),
				outcome: i % 9 === 0 ? 'nobody_home' : 'visited',
				visitor_kind: 'police',
				topics: ['anti_fraud', 'fire_safety'],
				fraud_risk_found: i % 50 === 0,
				money_protected: i % 50 === 0 ? 3000 : 0,
				dispute_found: i % 200 === 0,
				fire_hazard_found: false,
				lon: h.lon + 0.0001,
				lat: h.lat
			}));
			const rollback = new Error('rollback');
			let ms = 0;
			let accepted = 0;
			await db
				.transaction(async (tx) => {
					await tx.query(
						"select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
						[JSON.stringify(claims('officer', station))]
					);
					const t0 = performance.now();
					for (let i = 0; i < visits.length; i += BATCH) {
						const [row] = await tx.query<{ r: { accepted: number } }>(
							'select record_visits($1, $2::text) as r',
							[1, JSON.stringify(visits.slice(i, i + BATCH))]
						);
						accepted += row.r.accepted;
					}
					ms = performance.now() - t0;
					throw rollback;
				})
				.catch((e: unknown) => {
					if (e !== rollback) throw e;
				});
			if (accepted !== visits.length) throw new Error(`offline_flush stored ${accepted} of ${visits.length}`);
			samples.push(ms);
		}
		results.push(
			timing('campaign.offline_flush', scale, samples, {
				note: `${FLUSH} visits in batches of ${BATCH} through record_visits as an officer (rolled back); target ≤ 5 s embedded`
			})
		);
	}
	return results;
}
