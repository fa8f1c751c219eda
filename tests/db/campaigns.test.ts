// Door-knock campaigns in the database: planning splits the scope into blocks with every grid
// (so every household) in exactly one, only inside the planner's area; recording counts a
// household once however often it is visited, refuses visits outside the scope with a reason,
// stores a replayed batch once, imports all or nothing, opens dispute incidents; the figures add up.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlTransaction } from '../../src/lib/server/db/sql.ts';
import { actAs, asOwner, errorOf, rolledBack, testDatabase, type TestDatabase } from './engine.ts';

let t: TestDatabase;
let township: number;
let station: number;
let otherTownship: number;

beforeAll(async () => {
	t = await testDatabase();
	const rows = await t.db.query<{ township_id: number; station_id: number }>(
		`select v.township_id, min(v.station_id) as station_id from villages v
		 group by v.township_id having count(distinct v.station_id) = 1 order by count(*) desc, v.township_id`
	);
	township = rows[0].township_id;
	station = rows[0].station_id;
	otherTownship = rows.find((r) => r.station_id !== station)!.township_id;
});

async function call<T>(
	tx: SqlTransaction,
	sql: string,
	params: (string | number | boolean)[] = []
): Promise<T> {
	return (await tx.query<{ r: T }>(`select ${sql} as r`, params))[0].r;
}

function plan(extra: Record<string, unknown> = {}): string {
	return JSON.stringify({
		name: '测试敲门行动',
		starts_on: new Date(Date.now() - 2 * 86400_000).toISOString().slice(0, 10),
		ends_on: new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10),
		topics: ['anti_fraud', 'fire_safety'],
		target_share: 0.8,
		scope: { township_ids: [township] },
		block_count: 5,
		...extra
	});
}

let keyCounter = 0;
function key(): string {
	keyCounter += 1;
	return `00000000-0000-4000-8000-${String(keyCounter).padStart(12, '0')}`;
}

interface Progress {
	totals: { households: number; visited: number; visits: number; far: number; very_far: number };
	outcomes: {
		disputes_found: number;
		dispute_incidents: number;
		money_protected: number;
		fraud_risks_found: number;
	};
	blocks: { id: number; name: string; households: number; visited: number; team_id: number | null }[];
	teams: { name: string; households: number; visited: number; blocks: number[] }[];
	days: { day: string; visits: number; newly_visited: number }[];
}

describe('planning a campaign', () => {
	it('splits a township evenly by households: every grid in exactly one block, none left out', async () => {
		await rolledBack(t.db, async (tx) => {
			await actAs(tx, { app_role: 'station_head', station_id: station });
			const created = await call<{ id: number; blocks: number; grids: number }>(
				tx,
				'create_campaign($1::text)',
				[
					plan({
						teams: [
							{
								name: '第一组',
								members: [
									{ name: '张警官', kind: 'police' },
									{ name: '李阿姨', kind: 'volunteer' },
									{ name: '王行长', kind: 'bank_staff' }
								],
								blocks: ['第1区块', '第2区块']
							}
						]
					})
				]
			);
			await asOwner(tx);
			const scope = await tx.query<{ id: number; households: number }>(
				`select g.id, (select count(*) from households h where h.grid_id = g.id)::int as households
				 from grids g join villages v on v.id = g.village_id where v.township_id = $1`,
				[township]
			);
			expect(created.grids).toBe(scope.length);
			expect(created.blocks).toBe(5);
			const placed = await tx.query<{ grid_id: number; blocks: number }>(
				`select grid_id, count(*)::int as blocks from campaign_block_grids where campaign_id = $1 group by grid_id`,
				[created.id]
			);
			expect(placed.length).toBe(scope.length);
			expect(placed.every((p) => p.blocks === 1)).toBe(true);
			expect(new Set(placed.map((p) => p.grid_id))).toEqual(new Set(scope.map((s) => s.id)));
			// even: no block holds more than twice the mean (grids are indivisible)
			const perBlock = await tx.query<{ households: number }>(
				`select count(h.id)::int as households from campaign_block_grids bg
				 join households h on h.grid_id = bg.grid_id where bg.campaign_id = $1 group by bg.block_id`,
				[created.id]
			);
			const total = scope.reduce((a, s) => a + s.households, 0);
			expect(perBlock.reduce((a, b) => a + b.households, 0)).toBe(total);
			for (const b of perBlock) expect(b.households).toBeLessThan((2 * total) / 5);
			// block outlines hold their grids: the fill trigger finds the same set
			const geomOk = await tx.query<{ n: number }>(
				`select count(*)::int as n from campaign_block_grids bg join campaign_blocks b on b.id = bg.block_id
				 join grids g on g.id = bg.grid_id where b.campaign_id = $1 and ST_Intersects(b.geom, ST_PointOnSurface(g.geom))`,
				[created.id]
			);
			expect(geomOk[0].n).toBe(scope.length);
			const team = await tx.query<{ kinds: string[]; blocks: number }>(
				`select array_agg(distinct m.kind order by m.kind) as kinds,
				   (select count(*)::int from campaign_team_blocks tb where tb.team_id = t.id) as blocks
				 from campaign_teams t join campaign_team_members m on m.team_id = t.id where t.campaign_id = $1 group by t.id`,
				[created.id]
			);
			expect(team).toEqual([{ kinds: ['bank_staff', 'police', 'volunteer'], blocks: 2 }]);
		});
	});

	it('takes drawn or listed blocks and refuses a split that leaves grids out', async () => {
		await rolledBack(t.db, async (tx) => {
			const grids = (
				await tx.query<{ id: number }>(
					`select g.id from grids g join villages v on v.id = g.village_id where v.township_id = $1 order by g.id`,
					[township]
				)
			).map((g) => g.id);
			await actAs(tx, { app_role: 'station_head', station_id: station });
			const half = Math.floor(grids.length / 2);
			expect(
				await errorOf(tx, 'select create_campaign($1::text)', [
					plan({ blocks: [{ name: '甲', grid_ids: grids.slice(0, half) }] })
				])
			).toBe('campaign_grids_left_out');
			const ok = await call<{ id: number; blocks: number }>(tx, 'create_campaign($1::text)', [
				plan({
					blocks: [
						{ name: '甲', grid_ids: grids.slice(0, half) },
						{ name: '乙', grid_ids: grids }
					]
				})
			]);
			expect(ok.blocks).toBe(2);
			const counts = await tx.query<{ name: string; n: number }>(
				`select b.name, count(*)::int as n from campaign_block_grids bg join campaign_blocks b on b.id = bg.block_id
				 where b.campaign_id = $1 group by b.name order by b.name`,
				[ok.id]
			);
			// the second block takes only what the first left
			expect(counts).toEqual([
				{ name: '乙', n: grids.length - half },
				{ name: '甲', n: half }
			]);
		});
	});

	it('takes a scope drawn on the map and refuses a self-intersecting one', async () => {
		await rolledBack(t.db, async (tx) => {
			const [g] = await tx.query<{ id: number; x: number; y: number }>(
				`select g.id, ST_X(ST_PointOnSurface(g.geom)) as x, ST_Y(ST_PointOnSurface(g.geom)) as y
				 from grids g join villages v on v.id = g.village_id where v.township_id = $1 order by g.id limit 1`,
				[township]
			);
			const d = 0.0004;
			const square = [
				[g.x - d, g.y - d],
				[g.x + d, g.y - d],
				[g.x + d, g.y + d],
				[g.x - d, g.y + d],
				[g.x - d, g.y - d]
			];
			await actAs(tx, { app_role: 'station_head', station_id: station });
			const ok = await call<{ id: number; grids: number }>(tx, 'create_campaign($1::text)', [
				plan({ scope: { polygon: { type: 'Polygon', coordinates: [square] } }, block_count: 1 })
			]);
			expect(ok.grids).toBeGreaterThanOrEqual(1);
			expect(
				await call<number[]>(
					tx,
					'(select array_agg(grid_id) from campaign_block_grids where campaign_id = $1)',
					[ok.id]
				)
			).toContain(g.id);
			const bowtie = [square[0], square[2], square[1], square[3], square[0]];
			expect(
				await errorOf(tx, 'select create_campaign($1::text)', [
					plan({ scope: { polygon: { type: 'Polygon', coordinates: [bowtie] } } })
				])
			).toBe('campaign_scope_invalid');
		});
	});

	it('keeps a station head to their own area and officers out of planning', async () => {
		await rolledBack(t.db, async (tx) => {
			await actAs(tx, { app_role: 'station_head', station_id: station });
			expect(
				await errorOf(tx, 'select create_campaign($1::text)', [
					plan({ scope: { township_ids: [otherTownship] } })
				])
			).toBe('campaign_outside_area');
			expect(
				await errorOf(tx, 'select create_campaign($1::text)', [plan({ scope: { village_ids: [-1] } })])
			).toBe('campaign_scope_empty');
			await actAs(tx, { app_role: 'officer', station_id: station });
			expect(await errorOf(tx, 'select create_campaign($1::text)', [plan()])).toBe(
				'campaign_plan_not_allowed'
			);
			await actAs(tx, { app_role: 'command' });
			const ok = await call<{ id: number }>(tx, 'create_campaign($1::text)', [
				plan({ scope: { township_ids: [otherTownship] } })
			]);
			expect(ok.id).toBeGreaterThan(0);
		});
	});
});

describe('recording visits', () => {
	async function setup(tx: SqlTransaction) {
		await actAs(tx, { app_role: 'station_head', station_id: station });
		const { id } = await call<{ id: number }>(tx, 'create_campaign($1::text)', [plan()]);
		await asOwner(tx);
		const homes = await tx.query<{ id: number; lon: number; lat: number }>(
			`select h.id, ST_X(h.geom) as lon, ST_Y(h.geom) as lat from households h
			 join villages v on v.id = h.village_id where v.township_id = $1 order by h.id limit 5`,
			[township]
		);
		const outside = (
			await tx.query<{ id: number }>(
				`select h.id from households h join villages v on v.id = h.village_id where v.township_id = $1 order by h.id limit 1`,
				[otherTownship]
			)
		)[0].id;
		return { id, homes, outside };
	}
	const visit = (household_id: number, extra: Record<string, unknown> = {}) => ({
		client_key: key(),
		household_id,
		visited_at: new Date().toISOString(),
		outcome: 'visited',
		visitor_kind: 'volunteer',
		topics: ['anti_fraud'],
		...extra
	});

	it('counts a household visited twice once, stores a replayed batch once, refuses visits outside the scope', async () => {
		await rolledBack(t.db, async (tx) => {
			const { id, homes, outside } = await setup(tx);
			await actAs(tx, { app_role: 'officer', station_id: station });
			const batch = [
				visit(homes[0].id, { outcome: 'nobody_home' }),
				visit(homes[0].id),
				visit(homes[1].id, { fraud_risk_found: true, money_protected: 5000 }),
				visit(outside)
			];
			const first = await call<{
				accepted: number;
				duplicates: number;
				rejected: { row: number; reason: string }[];
			}>(tx, 'record_visits($1, $2::text)', [id, JSON.stringify(batch)]);
			expect(first.accepted).toBe(3);
			expect(first.duplicates).toBe(0);
			expect(first.rejected).toEqual([
				{ row: 4, client_key: batch[3].client_key, household_id: outside, reason: 'visit_outside_campaign' }
			]);
			// the phone lost the answer and sends the same queue again
			const again = await call<{ accepted: number; duplicates: number }>(tx, 'record_visits($1, $2::text)', [
				id,
				JSON.stringify(batch.slice(0, 3))
			]);
			expect(again).toMatchObject({ accepted: 0, duplicates: 3 });
			const p = await call<Progress>(tx, 'campaign_progress($1)', [id]);
			expect(p.totals.visits).toBe(3);
			expect(p.totals.visited).toBe(2);
			expect(p.outcomes).toMatchObject({ fraud_risks_found: 1, money_protected: 5000 });
			expect(p.days.reduce((a, d) => a + d.newly_visited, 0)).toBe(2);
			// a second visit to a household already counted adds a visit, not a household
			await call(tx, 'record_visits($1, $2::text)', [id, JSON.stringify([visit(homes[1].id)])]);
			const p2 = await call<Progress>(tx, 'campaign_progress($1)', [id]);
			expect(p2.totals).toMatchObject({ visits: 4, visited: 2 });
			const cov = await call<{ households: number[]; visited: number[] }>(tx, 'campaign_visited_share($1)', [
				id
			]);
			expect(cov.visited.reduce((a, b) => a + b, 0)).toBe(2);
			expect(cov.households.reduce((a, b) => a + b, 0)).toBe(p2.totals.households);
		});
	});

	it('flags an implausible burst: dozens of doors logged by one account within a minute', async () => {
		await rolledBack(t.db, async (tx) => {
			const { id } = await setup(tx);
			const homes = await tx.query<{ id: number }>(
				`select h.id from households h join villages v on v.id = h.village_id where v.township_id = $1 order by h.id limit 35`,
				[township]
			);
			await actAs(tx, { app_role: 'officer', station_id: station });
			const at = new Date(Date.now() - 5 * 60_000);
			at.setUTCSeconds(0, 0);
			const slow = homes
				.slice(0, 10)
				.map((h, i) => visit(h.id, { visited_at: new Date(at.getTime() - (i + 1) * 180_000).toISOString() }));
			const burst = homes
				.slice(10)
				.map((h, i) => visit(h.id, { visited_at: new Date(at.getTime() + i * 2_000).toISOString() }));
			const r = await call<{ accepted: number }>(tx, 'record_visits($1, $2::text)', [
				id,
				JSON.stringify([...slow, ...burst])
			]);
			expect(r.accepted).toBe(35);
			await actAs(tx, { app_role: 'station_head', station_id: station });
			const p = await call<{ bursts: { visits: number }[] }>(tx, 'campaign_progress($1)', [id]);
			// 25 doors in 50 seconds; the ten logged three minutes apart are not a burst
			expect(p.bursts.map((b) => b.visits)).toEqual([25]);
		});
	});

	it('imports all or nothing with a row-by-row report', async () => {
		await rolledBack(t.db, async (tx) => {
			const { id, homes, outside } = await setup(tx);
			const code = (
				await tx.query<{ code: string }>('select code from households where id = $1', [homes[2].id])
			)[0].code;
			await actAs(tx, { app_role: 'station_head', station_id: station });
			const rows = [visit(homes[0].id), visit(outside), visit(homes[1].id, { visitor_kind: 'alien' })];
			const r = await call<{ ok: boolean; accepted: number; rejected: { row: number; reason: string }[] }>(
				tx,
				'record_visits($1, $2::text, true)',
				[id, JSON.stringify(rows)]
			);
			expect(r.ok).toBe(false);
			expect(r.accepted).toBe(0);
			expect(r.rejected.map((e) => [e.row, e.reason])).toEqual([
				[2, 'visit_outside_campaign'],
				[3, 'visitor_kind_invalid']
			]);
			const stored = await call<number>(
				tx,
				'(select count(*)::int from campaign_visits where campaign_id = $1)',
				[id]
			);
			expect(stored).toBe(0);
			const ok = await call<{ ok: boolean; accepted: number }>(tx, 'record_visits($1, $2::text, true)', [
				id,
				JSON.stringify([visit(homes[0].id), { ...visit(0), household_id: undefined, household_code: code }])
			]);
			expect(ok).toMatchObject({ ok: true, accepted: 2 });
		});
	});

	it('opens a dispute incident, measures the distance from the door, and keeps the command room out', async () => {
		await rolledBack(t.db, async (tx) => {
			const { id, homes } = await setup(tx);
			await actAs(tx, { app_role: 'officer', station_id: station });
			const h = homes[0];
			// ~200 m north of the door
			const far = visit(h.id, { dispute_found: true, lon: h.lon, lat: h.lat + 200 / 111_320 });
			await call(tx, 'record_visits($1, $2::text)', [id, JSON.stringify([far])]);
			await asOwner(tx);
			const rows = await tx.query<{ distance_m: number; category: string; mediation_status: string }>(
				`select v.distance_m, i.category, i.mediation_status from campaign_visits v
				 join incidents i on i.id = v.incident_id where v.client_key = $1`,
				[far.client_key]
			);
			expect(rows.length).toBe(1);
			expect(rows[0].distance_m).toBeGreaterThan(190);
			expect(rows[0].distance_m).toBeLessThan(210);
			expect(rows[0]).toMatchObject({ category: 'dispute', mediation_status: 'unresolved' });
			await actAs(tx, { app_role: 'station_head', station_id: station });
			const p = await call<Progress>(tx, 'campaign_progress($1)', [id]);
			expect(p.totals.far).toBe(1);
			expect(p.outcomes).toMatchObject({ disputes_found: 1, dispute_incidents: 1 });
			await actAs(tx, { app_role: 'command' });
			expect(
				await errorOf(tx, 'select record_visits($1, $2::text)', [id, JSON.stringify([visit(h.id)])])
			).toBe('visit_not_allowed');
			// another station's head does not see the campaign at all
			await actAs(tx, { app_role: 'station_head', station_id: -1 });
			expect(await call<Progress | null>(tx, 'campaign_progress($1)', [id])).toBeNull();
		});
	});

	it('keeps the demo campaign state and daily rollup consistent with its visits', async () => {
		const rows = await t.db.query<{
			a: number;
			b: number;
			visits: number;
			rolled: number;
			far: number;
			rolled_far: number;
		}>(
			`select (select count(distinct household_id)::int from campaign_visits where campaign_id = 1 and outcome = 'visited') as a,
			        (select count(*)::int from campaign_households where campaign_id = 1 and visited_at is not null) as b,
			        (select count(*)::int from campaign_visits where campaign_id = 1) as visits,
			        (select sum(visits)::int from campaign_visit_days where campaign_id = 1) as rolled,
			        (select count(*)::int from campaign_visits where campaign_id = 1 and distance_m > 300) as far,
			        (select sum(very_far)::int from campaign_visit_days where campaign_id = 1) as rolled_far`
		);
		expect(rows[0].a).toBeGreaterThan(1000);
		expect(rows[0].b).toBe(rows[0].a);
		expect(rows[0].rolled).toBe(rows[0].visits);
		expect(rows[0].far).toBeGreaterThan(0);
		expect(rows[0].rolled_far).toBe(rows[0].far);
	});
});

describe('withdrawing a campaign', () => {
	it('lets its own station head remove it with its visits, and no other station head', async () => {
		await rolledBack(t.db, async (tx) => {
			await actAs(tx, { app_role: 'station_head', station_id: station });
			const { id } = await call<{ id: number }>(tx, 'create_campaign($1::text)', [plan()]);
			await actAs(tx, { app_role: 'station_head', station_id: station + 1000 });
			expect(await errorOf(tx, 'select delete_campaign($1)', [id])).toBe('campaign_delete_not_allowed');
			await actAs(tx, { app_role: 'station_head', station_id: station });
			expect(await call(tx, 'delete_campaign($1)', [id])).toEqual({ id, deleted: true });
			await asOwner(tx);
			expect(
				await call<number>(tx, '(select count(*)::int from campaign_blocks where campaign_id = $1)', [id])
			).toBe(0);
		});
	});
});

describe('follow-up knock lists', () => {
	it('spawns the nearest doors (or the same building) for the grid officer, who ticks them off', async () => {
		await rolledBack(t.db, async (tx) => {
			const [inc] = await tx.query<{
				id: number;
				grid_id: number;
				station_id: number;
				officer_id: number | null;
			}>(
				`select i.id, i.grid_id, i.station_id,
				   (select a.officer_id from grid_assignments a where a.grid_id = i.grid_id and a.role = 'primary' and upper_inf(a.during)) as officer_id
				 from incidents i where i.category = 'fraud' and i.station_id = $1
				   and exists (select 1 from grid_assignments a where a.grid_id = i.grid_id and a.role = 'primary' and upper_inf(a.during))
				 order by i.id limit 1`,
				[station]
			);
			const [other] = await tx.query<{ id: number }>(
				`select id from incidents where category = 'traffic' and station_id = $1 limit 1`,
				[station]
			);
			await actAs(tx, { app_role: 'station_head', station_id: station });
			expect(await errorOf(tx, 'select spawn_knock_list($1, 5)', [other.id])).toBe(
				'knock_list_incident_kind'
			);
			const list = await call<{ id: number; households: number; officer_id: number }>(
				tx,
				'spawn_knock_list($1, 5, current_date + 3, false)',
				[inc.id]
			);
			expect(list).toMatchObject({ households: 5, officer_id: inc.officer_id });
			// the five nearest households to the incident, no others
			await asOwner(tx);
			const expected = await tx.query<{ id: number }>(
				`select h.id from households h, incidents i where i.id = $1 order by h.geom <-> i.geom limit 5`,
				[inc.id]
			);
			const doors = await tx.query<{ household_id: number }>(
				'select household_id from knock_list_households where list_id = $1 order by household_id',
				[list.id]
			);
			expect(doors.map((d) => d.household_id)).toEqual(expected.map((e) => e.id).sort((a, b) => a - b));
			// another officer may not tick it off; the list's officer may, and sees it among open lists
			await actAs(tx, { app_role: 'officer', station_id: station, officer_id: -1 });
			expect(await errorOf(tx, 'select record_knock($1, $2)', [list.id, doors[0].household_id])).toBe(
				'knock_not_allowed'
			);
			await actAs(tx, { app_role: 'officer', station_id: station, officer_id: inc.officer_id });
			await call(tx, 'record_knock($1, $2)', [list.id, doors[0].household_id]);
			const open = await call<{ id: number; doors: { outcome: string | null }[] }[]>(
				tx,
				'knock_lists_open()'
			);
			const mine = open.find((l) => l.id === list.id)!;
			expect(mine.doors.filter((d) => d.outcome === 'visited')).toHaveLength(1);
			// same building: every door of the nearest household's building
			await actAs(tx, { app_role: 'station_head', station_id: station });
			const building = await call<{ households: number }>(tx, 'spawn_knock_list($1)', [inc.id]);
			expect(building.households).toBeGreaterThan(0);
			await actAs(tx, { app_role: 'station_head', station_id: -1 });
			expect(await errorOf(tx, 'select spawn_knock_list($1)', [inc.id])).toBe('knock_list_not_allowed');
		});
	});
});
