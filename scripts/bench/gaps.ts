// gaps.full: the coverage-gap engine over a whole scale's data, against the same analysis in
// PostGIS (the oracle's SQL) on the database the data came from; gaps.full.plain_turf: the
// geometric core done the plain way (Turf overlays without indexes, one union of every reach
// buffer per county); gaps.incremental: recomputing after one assignment change.
import { area, buffer, difference, featureCollection, feature, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { CoverageCache } from '../../src/lib/coverage/engine.ts';
import { coverageInputFromJson, type CoverageInputJson } from '../../src/lib/coverage/from-database.ts';
import type { CoverageInput } from '../../src/lib/coverage/input.ts';
import { DEFAULT_OPTIONS } from '../../src/lib/coverage/options.ts';
import type { SqlClient } from '../../src/lib/server/db/sql.ts';
import type { DemoScale } from '../../src/lib/types/domain.ts';
import { DEMO_SOURCES, oracleSql } from '../../tests/db/coverage-oracle-sql.ts';
import { median } from './stats.ts';
import { timing, type BenchResult } from './result.ts';

async function timed<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
	const t0 = performance.now();
	const value = await fn();
	return { ms: performance.now() - t0, value };
}

/** Village minus its grids and county minus the union of all reach buffers, Turf only. */
function plainTurf(input: CoverageInput): number {
	let km2 = 0;
	for (const v of input.villages) {
		const grids = input.grids.filter((g) => g.villageId === v.id).map((g) => feature(g.geometry));
		const rest =
			grids.length > 0 ? difference(featureCollection([feature(v.geometry), ...grids])) : feature(v.geometry);
		if (rest) km2 += area(rest) / 1e6;
	}
	const circles = input.reachPoints
		.map((p) =>
			buffer(feature({ type: 'Point', coordinates: p.point }), DEFAULT_OPTIONS.reachKm, { steps: 16 })
		)
		.filter((c): c is Feature<Polygon | MultiPolygon> => c !== undefined);
	const reached = union(featureCollection(circles));
	for (const c of input.counties ?? []) {
		const rest = reached
			? difference(featureCollection([feature(c.geometry), reached]))
			: feature(c.geometry);
		if (rest) km2 += area(rest) / 1e6;
	}
	return km2;
}

export async function benchGaps(
	scale: DemoScale,
	db: SqlClient,
	runs: number,
	log: (line: string) => void = () => {}
): Promise<BenchResult[]> {
	log('  reading coverage_input() …');
	const rows = await db.query<{ input: string }>('select public.coverage_input()::text as input');
	const input = coverageInputFromJson(JSON.parse(rows[0].input) as CoverageInputJson);

	log('  engine …');
	new CoverageCache(input); // warm the JIT
	const engine: number[] = [];
	let findings = 0;
	for (let i = 0; i < runs; i++) {
		const r = await timed(() => new CoverageCache(input));
		engine.push(r.ms);
		findings = r.value.findings().length;
	}

	log(`  PostGIS (${db.engine}) …`);
	const sql = oracleSql(DEMO_SOURCES, DEFAULT_OPTIONS);
	const peerRuns = scale === 'county' ? runs : Math.min(runs, 3);
	const peer: number[] = [];
	let peerFindings = 0;
	for (let i = 0; i < peerRuns; i++) {
		const r = await timed(() => db.query(sql));
		peer.push(r.ms);
		peerFindings = r.value.length;
	}
	const peerName = db.engine === 'postgres' ? 'postgis-native' : 'postgis-pglite';
	const peerMs = Math.round(median(peer));
	const full = timing('gaps.full', scale, engine, {
		peer: { name: peerName, value: peerMs },
		note: `${findings} findings (PostGIS ${peerFindings} rows); ratio ${(median(engine) / peerMs).toFixed(3)}; target ≤ 1500 ms at city scale and ratio ≤ 1.0 against native PostGIS`
	});

	log('  plain Turf …');
	const plainRuns = scale === 'county' ? Math.min(runs, 3) : 1;
	const plain: number[] = [];
	for (let i = 0; i < plainRuns; i++) plain.push((await timed(() => plainTurf(input))).ms);

	log('  incremental …');
	const cache = new CoverageCache(input);
	const grid = input.assignments.find((a) => a.role === 'primary');
	const incremental: number[] = [];
	if (grid) {
		const original = input.assignments.filter((a) => a.gridId === grid.gridId);
		const steps = Math.max(10, runs * 4);
		for (let i = 0; i < steps; i++) {
			// alternately unassign and restore the grid's officers: one change each time
			const next = i % 2 === 0 ? [] : original;
			incremental.push((await timed(() => cache.setGridAssignments(grid.gridId, next))).ms);
		}
	}
	return [
		full,
		timing('gaps.full.plain_turf', scale, plain, {
			note: 'village minus its grids and county minus the union of every reach buffer, Turf without indexes'
		}),
		{
			...timing('gaps.incremental', scale, incremental, { note: 'one assignment change; target ≤ 100 ms' }),
			// sub-millisecond: keep the precision the rounding in timing() would lose
			value: Number(median(incremental).toFixed(2))
		}
	];
}

/**
 * gaps.city (province): what the planner of a province waits for once they choose a city — the
 * city's coverage_input(county_ids) read under a planner's claims, parsed, and the engine over it.
 * The city with the most grids.
 */
export async function benchGapsCity(
	scale: DemoScale,
	db: SqlClient,
	runs: number,
	log: (line: string) => void = () => {}
): Promise<BenchResult> {
	const [city] = await db.query<{ code: string; counties: string; grids: number }>(
		`select left(c.code, 4) as code, string_agg(distinct c.id::text, ',') as counties, count(g.id)::int as grids
		 from public.counties c join public.townships t on t.county_id = c.id
		 join public.villages v on v.township_id = t.id join public.grids g on g.village_id = v.id
		 group by 1 order by 3 desc limit 1`
	);
	log(`  gaps.city: ${city.code}, ${city.grids} grids …`);
	const claims = JSON.stringify({
		sub: '00000000-0000-4000-8000-0000000be7c1',
		role: 'authenticated',
		app_metadata: { app_role: 'planner' }
	});
	const read = () =>
		db.transaction(async (tx) => {
			await tx.query(
				"select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
				[claims]
			);
			const rows = await tx.query<{ input: string }>(
				'select public.coverage_input($1::bigint[])::text as input',
				[`{${city.counties}}`]
			);
			return rows[0].input;
		});
	const samples: number[] = [];
	const parts = { read: [] as number[], engine: [] as number[] };
	let findings = 0;
	let bytes = 0;
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		const text = await read();
		const t1 = performance.now();
		const input = coverageInputFromJson(JSON.parse(text) as CoverageInputJson);
		findings = new CoverageCache(input).findings().length;
		const t2 = performance.now();
		samples.push(t2 - t0);
		parts.read.push(t1 - t0);
		parts.engine.push(t2 - t1);
		bytes = text.length;
	}
	return timing('gaps.city', scale, samples, {
		note: `city ${city.code} (${city.grids} grids, ${(bytes / 1e6).toFixed(1)} MB of input): read ${Math.round(median(parts.read))} ms under a planner's claims, parse and engine ${Math.round(median(parts.engine))} ms; ${findings} findings; target ≤ 3000 ms`
	});
}
