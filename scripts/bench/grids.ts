// grids.split_commit: a station head's split of a busy grid (≥ 200 households) in two, through
// to the commit-time checks: the outline update, the new grid, the re-derivation of households,
// key units, incidents and the running campaign, versions, audit, overlap and stranding checks.
// Each run is rolled back after `set constraints all immediate` (everything a commit does but
// flush), so every run splits the same grid. Target p95 ≤ 300 ms at county.
// grids.rebalance: a balanced re-gridding proposal for the busiest village, into 20 grids (the
// editor's 均衡重划): the households read, the zones cut (Turf), and the database's preview of
// the draft (every rule checked, figures before and after, rolled back). Target ≤ 1 s.
// grids.rederive_all: every household of the scale put in a wrong grid, then re-derived by the
// trigger's own function over every grid's box; target ≤ 10 s embedded at city.
import type { MultiPolygon } from 'geojson';
import { balancedZones } from '../../src/lib/geo/balanced-zones.ts';
import type { LonLat } from '../../src/lib/geo/types.ts';
import type { SqlClient, SqlTransaction } from '../../src/lib/server/db/sql.ts';
import type { DemoScale } from '../../src/lib/types/domain.ts';
import { timing, type BenchResult } from './result.ts';

const rollback = new Error('rollback');

async function rolledBack(db: SqlClient, fn: (tx: SqlTransaction) => Promise<void>): Promise<void> {
	try {
		await db.transaction(async (tx) => {
			await fn(tx);
			throw rollback;
		});
	} catch (e) {
		if (e !== rollback) throw e;
	}
}

export async function benchGridSplit(scale: DemoScale, db: SqlClient, runs: number): Promise<BenchResult> {
	const [grid] = await db.query<{ id: number; households: number }>(
		`select grid_id::int id, households::int from grid_household_counts order by households desc, grid_id limit 1`
	);
	if (!grid || grid.households < 200) throw new Error(`no grid of ≥ 200 households at ${scale}`);
	const samples: number[] = [];
	let moved = 0;
	for (let i = 0; i < runs + 1; i++) {
		await rolledBack(db, async (tx) => {
			const t0 = performance.now();
			await tx.query(
				`with parts as (
				   select g.id, g.geom, ST_MakeEnvelope(ST_XMin(g.geom) - 1, ST_YMin(g.geom) - 1,
				     (ST_XMin(g.geom) + ST_XMax(g.geom)) / 2, ST_YMax(g.geom) + 1, 4326) west_box
				   from grids g where g.id = $1)
				 update grids g set geom = ST_Multi(ST_CollectionExtract(ST_Intersection(p.geom, p.west_box), 3))
				 from parts p where g.id = p.id`,
				[grid.id]
			);
			await tx.query(
				`insert into grids (village_id, code, name, geom)
				 select g.village_id, g.code || '-bench', '拆分', ST_Multi(ST_CollectionExtract(ST_Difference(v.geom, g.geom), 3))
				 from grids g join grid_versions v on v.grid_id = g.id and upper(v.valid) = now()
				 where g.id = $1`,
				[grid.id]
			);
			await tx.query('set constraints all immediate');
			if (i > 0) samples.push(performance.now() - t0);
			const [{ n }] = await tx.query<{ n: number }>(
				`select count(*)::int n from households where grid_id <> $1 and grid_id in
				   (select id from grids where code like '%-bench')`,
				[grid.id]
			);
			moved = n;
		});
	}
	return timing('grids.split_commit', scale, samples, {
		note: `split of a ${grid.households}-household grid in two (${moved} households moved), to the commit-time checks; target p95 ≤ 300 ms at county`
	});
}

export async function benchRederiveAll(scale: DemoScale, db: SqlClient, runs: number): Promise<BenchResult> {
	const samples: number[] = [];
	let grids = 0;
	for (let i = 0; i < runs; i++) {
		await rolledBack(db, async (tx) => {
			const t0 = performance.now();
			// every outline re-drawn in one statement (its vertices in the other order: the same
			// shape, a different geometry), as a re-import of the whole grid plan: every household,
			// key unit and incident re-checked, versions, audit and the commit-time checks for each
			const rows = await tx.query<{ id: number }>(
				`update grids set geom = ST_Multi(ST_Reverse(geom)) returning id`
			);
			await tx.query('set constraints all immediate');
			samples.push(performance.now() - t0);
			grids = rows.length;
		});
	}
	return timing('grids.rederive_all', scale, samples, {
		note: `all ${grids} grids re-drawn in one statement, every household re-derived, to the commit-time checks; target ≤ 10 s embedded at city`
	});
}

/** The cost of moving: every household of the scale put in a wrong grid, then re-derived. */
export async function benchRederiveMoves(scale: DemoScale, db: SqlClient): Promise<BenchResult> {
	let moved = 0;
	const samples: number[] = [];
	await rolledBack(db, async (tx) => {
		await tx.query(`select set_config('app.located', 'on', true)`);
		await tx.query(
			`update households set grid_id = (select min(id) from grids) where grid_id <> (select min(id) from grids)`
		);
		const t0 = performance.now();
		const [r] = await tx.query<{ moved: number }>(
			`select app.regrid_points(array(select id from grids), null) moved`
		);
		samples.push(performance.now() - t0);
		moved = r.moved;
	});
	return timing('grids.rederive_moves', scale, samples, {
		note: `${moved} households each put in a wrong grid and moved back by the re-derivation`
	});
}

export async function benchRebalance(scale: DemoScale, db: SqlClient, runs: number): Promise<BenchResult> {
	const [village] = await db.query<{ id: number; station: number; households: number; geom: string }>(
		`select v.id::int, v.station_id::int station, count(h.id)::int households, ST_AsGeoJSON(v.geom) geom
		 from villages v join households h on h.village_id = v.id
		 group by v.id order by count(h.id) desc, v.id limit 1`
	);
	const area = JSON.parse(village.geom) as MultiPolygon;
	const samples: number[] = [];
	let spread = 0;
	for (let i = 0; i < runs + 1; i++) {
		await rolledBack(db, async (tx) => {
			const t0 = performance.now();
			const points = await tx.query<{ p: LonLat }>(
				`select json_build_array(ST_X(geom), ST_Y(geom)) p from households where village_id = $1`,
				[village.id]
			);
			const { zones, counts } = balancedZones(
				area,
				points.map((r) => r.p),
				20
			);
			await tx.query(
				"select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
				[
					JSON.stringify({
						sub: '00000000-0000-4000-8000-0000000000be',
						role: 'authenticated',
						app_metadata: { app_role: 'admin' }
					})
				]
			);
			const [{ r }] = await tx.query<{ r: { after: { households: number }[] } }>(
				`select public.preview_grid_edits($1) r`,
				[JSON.stringify([{ op: 'replace', village: village.id, grids: zones }])]
			);
			if (i > 0) samples.push(performance.now() - t0);
			const held = r.after.map((g) => g.households);
			if (held.length !== 20 || held.reduce((a, b) => a + b, 0) !== village.households)
				throw new Error(`rebalance preview: ${held.length} grids, ${held} households`);
			const mean = village.households / 20;
			spread = Math.max(
				...held.map((n) => Math.abs(n - mean) / mean),
				...counts.map((n) => Math.abs(n - mean) / mean)
			);
		});
	}
	return timing('grids.rebalance', scale, samples, {
		note: `village ${village.id} (${village.households} households) into 20 grids: proposal and database preview; largest deviation from the mean ${(spread * 100).toFixed(1)}%; target ≤ 1 s`
	});
}
