// Incidents that tests and benchmarks write through the app carry a mark in their summary; the
// app never deletes incidents, so the harness removes them (and their change-log rows) once the
// server has let go of the data directory.
import { openPglite } from '../../src/lib/server/db/pglite.ts';

export async function removeMarkedIncidents(dataDir: string, mark: string): Promise<number> {
	const db = await openPglite(dataDir);
	try {
		return await db.transaction(async (tx) => {
			await tx.query("select set_config('app.bulk_load', 'on', true)");
			await tx.query(
				`delete from public.live_changes where kind = 'incident' and data ->> 'summary' like $1`,
				[`${mark}%`]
			);
			const rows = await tx.query<{ n: number }>(
				'with gone as (delete from public.incidents where summary like $1 returning 1) select count(*)::int as n from gone',
				[`${mark}%`]
			);
			return rows[0].n;
		});
	} finally {
		await db.close();
	}
}
