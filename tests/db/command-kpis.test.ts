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
