// One demo account per role, tied to real rows of the generated data, so a newcomer can sign in
// as a command room, a station head, a planner, an officer or an admin. The shared password is
// printed on the sign-in page in demo mode only.
import { DEMO_PASSWORD } from '../../src/lib/server/auth/demo.ts';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import type { SqlClient } from '../../src/lib/server/db/sql.ts';
import type { DemoData } from '../../src/lib/types/domain.ts';

export { DEMO_PASSWORD };

export interface DemoAccount {
	email: string;
	display_name: string;
	app_role: 'command' | 'station_head' | 'planner' | 'officer' | 'admin';
	station_id: number | null;
	county_id: number | null;
	officer_id: number | null;
}

export function demoAccounts(data: DemoData): DemoAccount[] {
	// the busiest station: the one with the most grids, so its head has work to do
	const gridsPerStation = new Map<number, number>();
	const villageStation = new Map(data.villages.map((v) => [v.id, v.station_id]));
	for (const g of data.grids) {
		const s = villageStation.get(g.village_id) ?? 0;
		gridsPerStation.set(s, (gridsPerStation.get(s) ?? 0) + 1);
	}
	const ranked = [...gridsPerStation.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([id]) => id);
	const [first, second] = ranked;
	const stationName = (id: number) => data.stations.find((s) => s.id === id)?.name ?? '';
	const activePrimary = new Set(
		data.assignments.filter((a) => a.role === 'primary' && a.valid_to === null).map((a) => a.officer_id)
	);
	const officer = data.officers.find(
		(o) => o.station_id === first && o.kind === 'police' && activePrimary.has(o.id)
	);
	const accounts: DemoAccount[] = [
		{
			email: 'command@demo.local',
			display_name: '指挥室值班员',
			app_role: 'command',
			station_id: null,
			county_id: null,
			officer_id: null
		},
		{
			email: 'head@demo.local',
			display_name: `${stationName(first)}所长`,
			app_role: 'station_head',
			station_id: first,
			county_id: null,
			officer_id: null
		},
		{
			email: 'planner@demo.local',
			display_name: '规划分析员',
			app_role: 'planner',
			station_id: null,
			county_id: null,
			officer_id: null
		},
		{
			email: 'admin@demo.local',
			display_name: '系统管理员',
			app_role: 'admin',
			station_id: null,
			county_id: null,
			officer_id: null
		}
	];
	if (second !== undefined) {
		accounts.push({
			email: 'head2@demo.local',
			display_name: `${stationName(second)}所长`,
			app_role: 'station_head',
			station_id: second,
			county_id: null,
			officer_id: null
		});
	}
	if (officer) {
		accounts.push({
			email: 'officer@demo.local',
			display_name: `民警${officer.name}`,
			app_role: 'officer',
			station_id: first,
			county_id: null,
			officer_id: officer.id
		});
	}
	return accounts;
}

export async function insertDemoAccounts(db: SqlClient, data: DemoData): Promise<DemoAccount[]> {
	const accounts = demoAccounts(data);
	const hash = await hashPassword(DEMO_PASSWORD);
	await db.query(
		`insert into app.accounts (email, display_name, password_hash, app_role, station_id, county_id, officer_id, demo)
		 select r.email, r.display_name, $2, r.app_role, r.station_id, r.county_id, r.officer_id, true
		 from json_to_recordset($1::text::json) as r(email text, display_name text, app_role text, station_id bigint, county_id bigint, officer_id bigint)
		 on conflict (email) do nothing`,
		[JSON.stringify(accounts), hash]
	);
	return accounts;
}
