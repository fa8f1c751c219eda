// The live channel's database half and incident intake: every change lands in the change log
// and is announced at commit; changes_since / changes_by_ids give each role only what RLS lets
// it read; intake derives grid and village, refuses bad input with a message key and writes
// nothing; status moves forward only; disputes carry owner and deadline.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlTransaction } from '../../src/lib/server/db/sql.ts';
import { actAs, asOwner, errorOf, rolledBack, testDatabase, type TestDatabase } from './engine.ts';

let t: TestDatabase;
/** a station with an assigned grid, and another station */
let station: number;
let otherStation: number;
/** a point inside an assigned grid of `station`, and its grid */
let point: [number, number];
let grid: number;
let primaryOfficer: number;

interface Change {
	id: number;
	at: string;
	kind: string;
	entity_id: number;
	data: Record<string, unknown>;
}

beforeAll(async () => {
	t = await testDatabase();
	const row = (
		await t.db.query<{ station_id: number; grid_id: number; officer_id: number; x: number; y: number }>(
			`select v.station_id, g.id as grid_id, a.officer_id, ST_X(p) as x, ST_Y(p) as y
			 from grids g join villages v on v.id = g.village_id
			 join grid_assignments a on a.grid_id = g.id and a.role = 'primary' and upper_inf(a.during)
			 cross join lateral ST_PointOnSurface(g.geom) p
			 order by g.id limit 1`
		)
	)[0];
	station = row.station_id;
	grid = row.grid_id;
	primaryOfficer = row.officer_id;
	point = [row.x, row.y];
	otherStation = (
		await t.db.query<{ id: number }>('select id from stations where id <> $1 order by id limit 1', [station])
	)[0].id;
});

async function record(tx: SqlTransaction, category = 'public_order', at: [number, number] = point) {
	const rows = await tx.query<{ r: Record<string, unknown> }>(
		`select public.record_incident($1, 2, '测试警情', $2, $3)::jsonb as r`,
		[category, at[0], at[1]]
	);
	return rows[0].r as { id: number; grid_id: number; village_id: number; station_id: number; status: string };
}

async function since(tx: SqlTransaction, from: string): Promise<Change[]> {
	const rows = await tx.query<{ r: { changes: Change[] } }>('select public.changes_since($1)::jsonb as r', [
		from
	]);
	return rows[0].r.changes;
}

describe('incident intake', () => {
	it('records an incident with its grid, village and station, and logs one change', async () => {
		await rolledBack(t.db, async (tx) => {
			const start = (await tx.query<{ now: string }>('select clock_timestamp()::text as now'))[0].now;
			await actAs(tx, { app_role: 'officer', station_id: station });
			const created = await record(tx as SqlTransaction);
			expect(created.grid_id).toBe(grid);
			expect(created.station_id).toBe(station);
			expect(created.status).toBe('new');
			const changes = await since(tx as SqlTransaction, start);
			expect(changes.filter((c) => c.kind === 'incident' && c.entity_id === created.id)).toHaveLength(1);
			await asOwner(tx);
			const audit = await tx.query<{ n: number }>(
				"select count(*)::int as n from audit_log where action = 'record_incident' and row_id = $1",
				[created.id]
			);
			expect(audit[0].n).toBe(1);
		});
	});

	it('refuses bad input with a message key and writes nothing', async () => {
		await rolledBack(t.db, async (tx) => {
			const before = (await tx.query<{ n: number }>('select count(*)::int as n from incidents'))[0].n;
			await actAs(tx, { app_role: 'officer', station_id: station });
			const call = (category: string, lon: number | string, lat: number | string) =>
				errorOf(tx, `select public.record_incident($1, 2, '', $2::float8, $3::float8)`, [category, lon, lat]);
			// latitude and longitude swapped
			expect(await call('fraud', point[1], point[0])).toBe('incident_outside_china');
			expect(await call('fraud', 'NaN', point[1])).toBe('incident_location_required');
			expect(await call('burglary', point[0], point[1])).toBe('incidents_category_check');
			// in China, but in no village of the demo
			expect(await call('fraud', 116.4, 39.9)).toBe('incident_outside_grids');
			await actAs(tx, { app_role: 'officer', station_id: otherStation });
			expect(await call('fraud', point[0], point[1])).toBe('incident_outside_jurisdiction');
			await actAs(tx, { app_role: 'planner' });
			expect(await call('fraud', point[0], point[1])).toBe('incident_not_allowed');
			await asOwner(tx);
			expect((await tx.query<{ n: number }>('select count(*)::int as n from incidents'))[0].n).toBe(before);
		});
	});

	it('moves status forward only, refuses a stale screen, closes disputes with an outcome', async () => {
		await rolledBack(t.db, async (tx) => {
			await actAs(tx, { app_role: 'station_head', station_id: station });
			const dispute = await record(tx as SqlTransaction, 'dispute');
			const step = (status: string, expected: string, mediation: string | null = null) =>
				errorOf(tx, 'select public.set_incident_status($1, $2, $3, $4)', [
					dispute.id,
					status,
					expected,
					mediation
				]);
			expect(await step('dispatched', 'new')).toBeNull();
			expect(await step('on_scene', 'new')).toBe('incident_conflict');
			expect(await step('new', 'dispatched')).toBe('incident_status_backwards');
			expect(await step('closed', 'dispatched')).toBe('dispute_outcome_required');
			expect(await step('closed', 'dispatched', 'mediated')).toBeNull();
			await asOwner(tx);
			const row = (
				await tx.query<{
					status: string;
					mediation_status: string;
					closed: boolean;
					owner_id: number;
					days: number;
				}>(
					`select status, mediation_status, closed_at is not null as closed, owner_id,
					        extract(epoch from due_at - occurred_at) / 86400 as days
					 from incidents where id = $1`,
					[dispute.id]
				)
			)[0];
			expect(row).toMatchObject({ status: 'closed', mediation_status: 'mediated', closed: true });
			// the register's defaults: the grid's primary officer owns it, a week to close it
			expect(row.owner_id).toBe(primaryOfficer);
			expect(Number(row.days)).toBe(7);
			await actAs(tx, { app_role: 'officer', station_id: otherStation });
			expect(await step('closed', 'closed', 'mediated')).toBe('incident_not_found');
		});
	});
});

describe('the change log under RLS', () => {
	it('gives each role only the changes of places it may read', async () => {
		await rolledBack(t.db, async (tx) => {
			const start = (await tx.query<{ now: string }>('select clock_timestamp()::text as now'))[0].now;
			await actAs(tx, { app_role: 'officer', station_id: station });
			const created = await record(tx as SqlTransaction);
			await asOwner(tx);
			await tx.query('update officers set geom = ST_SetSRID(ST_MakePoint($2, $3), 4326) where id = $1', [
				primaryOfficer,
				point[0],
				point[1]
			]);
			const ids = (
				await tx.query<{ id: number }>('select id from live_changes where at >= $1 order by id', [start])
			).map((r) => r.id);
			expect(ids).toHaveLength(2);
			const seen = async (role: string, st: number | null) => {
				await actAs(tx, { app_role: role, station_id: st });
				const byId = (
					await tx.query<{ r: Change[] }>('select public.changes_by_ids($1)::jsonb as r', [`{${ids}}`])
				)[0].r;
				const bySince = await since(tx as SqlTransaction, start);
				expect(bySince.map((c) => c.id)).toEqual(byId.map((c) => c.id));
				return byId.map((c) => `${c.kind}:${c.entity_id}`);
			};
			const both = [`incident:${created.id}`, `officer:${primaryOfficer}`];
			expect(await seen('command', null)).toEqual(both);
			expect(await seen('station_head', station)).toEqual(both);
			expect(await seen('station_head', otherStation)).toEqual([]);
			expect(await seen('planner', null)).toEqual(both);
		});
	});

	it('stays quiet during bulk loads', async () => {
		await rolledBack(t.db, async (tx) => {
			const before = (await tx.query<{ n: number }>('select count(*)::int as n from live_changes'))[0].n;
			await tx.query("select set_config('app.bulk_load', 'on', true)");
			await tx.query(
				`insert into incidents (code, category, geom) values ('BULK-1', 'traffic', ST_SetSRID(ST_MakePoint($1, $2), 4326))`,
				point
			);
			expect((await tx.query<{ n: number }>('select count(*)::int as n from live_changes'))[0].n).toBe(
				before
			);
		});
	});

	it('announces committed changes on the live_changes channel, and nothing rolled back', async () => {
		const heard: string[] = [];
		const stop = await t.db.listen('live_changes', (payload) => heard.push(payload));
		try {
			await rolledBack(t.db, async (tx) => {
				await tx.query(
					'update officers set geom = geom, status = status, position_at = now() where id = $1',
					[primaryOfficer]
				);
				await tx.query(
					"update incidents set summary = summary || '' where id = (select max(id) from incidents)"
				);
			});
			const original = (
				await t.db.query<{ x: number; y: number }>(
					'select ST_X(geom) as x, ST_Y(geom) as y from officers where id = $1',
					[primaryOfficer]
				)
			)[0];
			await t.db.query('update officers set geom = ST_SetSRID(ST_MakePoint($2, $3), 4326) where id = $1', [
				primaryOfficer,
				point[0],
				point[1]
			]);
			await t.db.query('update officers set geom = ST_SetSRID(ST_MakePoint($2, $3), 4326) where id = $1', [
				primaryOfficer,
				original.x,
				original.y
			]);
			const deadline = Date.now() + 2000;
			while (heard.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
			expect(heard).toHaveLength(2);
			const rows = await t.db.query<{ kind: string; entity_id: number }>(
				'select kind, entity_id from live_changes where id = any($1::bigint[]) order by id',
				[`{${heard.join(',')}}`]
			);
			expect(rows.map((r) => `${r.kind}:${r.entity_id}`)).toEqual([
				`officer:${primaryOfficer}`,
				`officer:${primaryOfficer}`
			]);
		} finally {
			await stop();
		}
	});
});

describe('officer positions', () => {
	it('lets the gateway move many and an officer only themself, and announces each move', async () => {
		await rolledBack(t.db, async (tx) => {
			const others = (
				await tx.query<{ id: number }>(
					"select id from officers where status = 'active' and id <> $1 order by id limit 2",
					[primaryOfficer]
				)
			).map((r) => r.id);
			const start = (await tx.query<{ now: string }>('select clock_timestamp()::text as now'))[0].now;
			const move = (ids: number[], lon: number, lat: number) =>
				errorOf(tx, 'select public.report_positions($1::bigint[], $2::float8[], $3::float8[])', [
					`{${ids}}`,
					`{${ids.map(() => lon)}}`,
					`{${ids.map(() => lat)}}`
				]);
			await actAs(tx, { app_role: 'admin' });
			expect(await move(others, point[0], point[1])).toBeNull();
			// latitude first: outside China, nothing moves
			expect(await move(others, point[1], point[0])).toBe('position_outside_china');
			await actAs(tx, { app_role: 'officer', station_id: station, officer_id: primaryOfficer });
			expect(await move([primaryOfficer], point[0], point[1])).toBeNull();
			expect(await move([others[0]], point[0], point[1])).toBe('position_not_allowed');
			await actAs(tx, { app_role: 'planner' });
			expect(await move(others, point[0], point[1])).toBe('position_not_allowed');
			await asOwner(tx);
			const moved = await tx.query<{ entity_id: number }>(
				"select entity_id from live_changes where kind = 'officer' and at >= $1 order by id",
				[start]
			);
			expect(moved.map((r) => r.entity_id).sort()).toEqual([...others, primaryOfficer].sort());
		});
	});
});

describe('command room figures', () => {
	it('counts grids, villages and open disputes as the tables do', async () => {
		await rolledBack(t.db, async (tx) => {
			await actAs(tx, { app_role: 'command' });
			const k = (
				await tx.query<{
					k: {
						grids: { now: number; total: number };
						zero_villages: { now: number; total: number };
						open: { now: number };
						today: Record<string, { now: number; before: number }>;
					};
				}>('select public.command_kpis()::jsonb as k')
			)[0].k;
			await asOwner(tx);
			const truth = (
				await tx.query<{ grids: number; assigned: number; villages: number; quiet: number; open: number }>(
					`select (select count(*)::int from grids) as grids,
					        (select count(distinct grid_id)::int from grid_assignments where role = 'primary' and upper_inf(during)) as assigned,
					        (select count(*)::int from villages) as villages,
					        (select count(*)::int from villages v where not exists (
					           select 1 from incidents i where i.village_id = v.id and i.occurred_at >= now() - interval '28 days')) as quiet,
					        (select count(*)::int from incidents where status <> 'closed') as open`
				)
			)[0];
			expect(k.grids).toMatchObject({ total: truth.grids, now: truth.assigned });
			expect(k.zero_villages).toMatchObject({ total: truth.villages, now: truth.quiet });
			expect(k.open.now).toBe(truth.open);
			expect(truth.quiet).toBeGreaterThan(0);
		});
	});

	it('finds villages by name for typed locations', async () => {
		await rolledBack(t.db, async (tx) => {
			const name = (await tx.query<{ name: string }>('select name from villages order by id limit 1'))[0]
				.name;
			await actAs(tx, { app_role: 'command' });
			const found = (
				await tx.query<{ r: { kind: string; label: string; position: [number, number] }[] }>(
					'select public.find_places($1)::jsonb as r',
					[name]
				)
			)[0].r;
			expect(found.find((f) => f.kind === 'village')?.label).toBe(name);
		});
	});
});
