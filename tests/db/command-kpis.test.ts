// The command room's "today" figure compared like for like: today until the moment asked
// against the same hours of the 28 days before (or of the same weekday), at three times of day,
// on fixed incidents placed in a month with no demo data.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlTransaction } from '../../src/lib/server/db/sql.ts';
import { rolledBack, testDatabase, type TestDatabase } from './engine.ts';

let t: TestDatabase;
let point: [number, number];

beforeAll(async () => {
	t = await testDatabase();
	const row = (
		await t.db.query<{ x: number; y: number }>(
			'select ST_X(p) as x, ST_Y(p) as y from grids g cross join lateral ST_PointOnSurface(g.geom) p order by g.id limit 1'
		)
	)[0];
	point = [row.x, row.y];
});

// 15 June 2030 is a Saturday; the demo's incidents end today, years before
const DAY = '2030-06-15';
const local = (day: string, clock: string) => `${day}T${clock}:00+08:00`;
function daysBefore(n: number): string {
	const d = new Date(`${DAY}T12:00:00+08:00`);
	d.setUTCDate(d.getUTCDate() - n);
	return d.toISOString().slice(0, 10);
}

async function insertIncidents(tx: Pick<SqlTransaction, 'query'>, rows: [string, string][]): Promise<void> {
	await tx.query(
		`insert into incidents (code, category, occurred_at, status, geom)
		 select 'KPI-' || row_number() over (), r.category, r.at::timestamptz, 'closed', ST_SetSRID(ST_MakePoint($2, $3), 4326)
		 from jsonb_to_recordset($1::text::jsonb) as r(category text, at text)`,
		[JSON.stringify(rows.map(([category, at]) => ({ category, at }))), point[0], point[1]]
	);
}

async function kpisAt(tx: SqlTransaction, clock: string) {
	await tx.query(
		"select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
		[
			JSON.stringify({
				sub: '00000000-0000-4000-8000-0000000000d2',
				role: 'authenticated',
				app_metadata: { app_role: 'command' }
			})
		]
	);
	const k = (
		await tx.query<{
			k: {
				windows: number;
				weekday_windows: number;
				since: string;
				today: Record<string, { now: number; baseline: number; baseline_weekday: number }>;
			};
		}>('select public.command_kpis($1::timestamptz)::jsonb as k', [local(DAY, clock)])
	)[0].k;
	await tx.exec('reset role');
	return k;
}

describe('command_kpis: today against the same hours', () => {
	it('counts today until the hour asked, and the same hours of each earlier day', async () => {
		await rolledBack(t.db, async (tx) => {
			const rows: [string, string][] = [];
			for (let d = 1; d <= 28; d++) {
				for (const clock of ['05:00', '10:00', '13:59', '22:00'])
					rows.push(['traffic', local(daysBefore(d), clock)]);
				// fraud only on the same weekday, at noon
				if (d % 7 === 0) rows.push(['fraud', local(daysBefore(d), '12:00')]);
			}
			// the day before the window: must not count
			rows.push(['traffic', local(daysBefore(29), '05:00')]);
			for (const clock of ['01:00', '05:59', '07:00', '20:00']) rows.push(['traffic', local(DAY, clock)]);
			rows.push(['fraud', local(DAY, '13:00')]);
			// later than every moment asked: not yet happened
			rows.push(['traffic', local(DAY, '23:30')]);
			await insertIncidents(tx, rows);

			const at6 = await kpisAt(tx as SqlTransaction, '06:00');
			expect(at6.windows).toBe(28);
			expect(new Date(at6.since).toISOString()).toBe(new Date(local(DAY, '00:00')).toISOString());
			expect(at6.weekday_windows).toBe(4);
			expect(at6.today.traffic).toEqual({ now: 2, baseline: 28, baseline_weekday: 4 });
			expect(at6.today.fraud?.now ?? 0).toBe(0);
			expect(at6.today.fraud?.baseline ?? 0).toBe(0);

			const at14 = await kpisAt(tx as SqlTransaction, '14:00');
			expect(at14.today.traffic).toEqual({ now: 3, baseline: 3 * 28, baseline_weekday: 3 * 4 });
			expect(at14.today.fraud).toEqual({ now: 1, baseline: 4, baseline_weekday: 4 });

			const at23 = await kpisAt(tx as SqlTransaction, '23:00');
			expect(at23.today.traffic).toEqual({ now: 4, baseline: 4 * 28, baseline_weekday: 4 * 4 });
			expect(at23.today.fraud).toEqual({ now: 1, baseline: 4, baseline_weekday: 4 });
		});
	});
});

describe('command_kpis: the other figures', () => {
	// The function reads trigger-kept counts and three index ranges for speed; these are the
	// plain definitions, computed as the same caller.
	const PLAIN = `
	  with b as (select now() as t_now, now() - interval '28 days' as p_start, now() - interval '56 days' as q_start),
	  c as (select public.current_campaign_id() as id)
	  select jsonb_build_object(
	    'open', (select count(*) from incidents i, b where i.occurred_at <= b.t_now and (i.status <> 'closed' or i.closed_at > b.t_now)),
	    'mediated_now', (select count(*) from incidents i, b where i.mediation_status = 'mediated' and i.closed_at >= b.p_start and i.closed_at <= b.t_now),
	    'mediated_before', (select count(*) from incidents i, b where i.mediation_status = 'mediated' and i.closed_at >= b.q_start and i.closed_at < b.p_start),
	    'grids_now', (select count(*) from grids g, b where exists (select 1 from grid_assignments a where a.grid_id = g.id and a.role = 'primary' and a.during @> b.t_now)),
	    'grids_before', (select count(*) from grids g, b where exists (select 1 from grid_assignments a where a.grid_id = g.id and a.role = 'primary' and a.during @> b.p_start)),
	    'zero_now', (select count(*) from villages v, b where not exists (select 1 from incidents i where i.village_id = v.id and i.occurred_at >= b.p_start and i.occurred_at <= b.t_now)),
	    'households', (select count(*) from households h, c where h.grid_id in (select bg.grid_id from campaign_block_grids bg where bg.campaign_id = c.id)),
	    'visited_now', (select count(distinct cv.household_id) from campaign_visits cv, c, b where cv.campaign_id = c.id and cv.outcome = 'visited' and cv.visited_at <= b.t_now),
	    'visited_before', (select count(distinct cv.household_id) from campaign_visits cv, c, b where cv.campaign_id = c.id and cv.outcome = 'visited' and cv.visited_at < b.p_start)
	  ) as plain`;

	it('equal their plain definitions, with an incident open for months and one closed late', async () => {
		await rolledBack(t.db, async (tx) => {
			// older than both 28-day windows: one still open, one closed within the last window
			await tx.query(
				`insert into incidents (code, category, occurred_at, status, mediation_status, closed_at, geom) values
				   ('KPI-OLD-OPEN', 'dispute', now() - interval '90 days', 'dispatched', null, null, ST_SetSRID(ST_MakePoint($1, $2), 4326)),
				   ('KPI-OLD-CLOSED', 'dispute', now() - interval '80 days', 'closed', 'mediated', now() - interval '3 days', ST_SetSRID(ST_MakePoint($1, $2), 4326))`,
				[point[0], point[1]]
			);
			await tx.query(
				"select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
				[
					JSON.stringify({
						sub: '00000000-0000-4000-8000-0000000000d3',
						role: 'authenticated',
						app_metadata: { app_role: 'command' }
					})
				]
			);
			const [{ k }] = await tx.query<{
				k: {
					open: { now: number };
					mediated: { now: number; before: number };
					grids: { now: number; before: number; total: number };
					zero_villages: { now: number };
					campaign: { now: number; before: number; households: number } | null;
				};
			}>('select public.command_kpis()::jsonb as k');
			const [{ plain }] = await tx.query<{ plain: Record<string, number> }>(PLAIN);
			await tx.exec('reset role');

			expect(plain.open).toBeGreaterThan(0);
			expect(plain.visited_now).toBeGreaterThan(0);
			expect(k.open.now).toBe(plain.open);
			expect(k.mediated).toMatchObject({ now: plain.mediated_now, before: plain.mediated_before });
			expect(k.grids).toMatchObject({ now: plain.grids_now, before: plain.grids_before });
			expect(k.zero_villages.now).toBe(plain.zero_now);
			expect(k.campaign).toEqual({
				now: plain.visited_now,
				before: plain.visited_before,
				households: plain.households
			});
		});
	});
});
