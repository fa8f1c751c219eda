// command.kpis: what the server does for each refresh of the command wall's figures
// (command_room(): the like-for-like KPIs, the dispute register, the ticker and the stations'
// areas), as the county's command room and as a station head; target ≤ 300 ms at city scale.
import { rpcPort } from '../../src/lib/server/db/rpc.ts';
import type { Claims } from '../../src/lib/server/db/port.ts';
import type { SqlClient } from '../../src/lib/server/db/sql.ts';
import type { DemoScale } from '../../src/lib/types/domain.ts';
import { timing, type BenchResult } from './result.ts';

const claims = (app_role: 'command' | 'station_head', station_id: number | null): Claims => ({
	sub: '00000000-0000-4000-8000-00000000c0de',
	role: 'authenticated',
	app_metadata: { app_role, station_id, county_id: null, officer_id: null }
});

export async function benchCommandKpis(
	scale: DemoScale,
	db: SqlClient,
	runs: number
): Promise<BenchResult[]> {
	const port = rpcPort(db);
	const [{ station }] = await db.query<{ station: number }>(
		'select station_id as station from villages group by station_id order by count(*) desc limit 1'
	);
	const out: BenchResult[] = [];
	for (const [name, who] of [
		['command.kpis', claims('command', null)],
		['command.kpis.head', claims('station_head', station)]
	] as const) {
		const samples: number[] = [];
		for (let i = 0; i < runs + 1; i++) {
			const t0 = performance.now();
			await port.callJson('command_room', {}, who);
			// the first run warms the caches
			if (i > 0) samples.push(performance.now() - t0);
		}
		out.push(
			timing(name, scale, samples, {
				note: `command_room() per wall refresh (like-for-like KPIs, register, ticker, station areas) as ${name.endsWith('head') ? 'a station head' : 'the command room'}; target ≤ 300 ms at city`
			})
		);
	}
	return out;
}
