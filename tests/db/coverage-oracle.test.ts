// PostGIS is the oracle: the six coverage analyses in SQL (coverage-oracle-sql.ts) must find
// what the engine finds, on the county demo (read through `coverage_input()`, as the app would)
// and on the hand-made fixture: same ids, areas within 0.1 %, household counts exact.
import { beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/lib/coverage/engine.ts';
import type { Finding } from '../../src/lib/coverage/findings.ts';
import { coverageInputFromJson, type CoverageInputJson } from '../../src/lib/coverage/from-database.ts';
import type { CoverageInput } from '../../src/lib/coverage/input.ts';
import { DEFAULT_OPTIONS } from '../../src/lib/coverage/options.ts';
import { rpcPort } from '../../src/lib/server/db/rpc.ts';
import type { Claims } from '../../src/lib/server/db/port.ts';
import { fixtureInput, fixtureOptions } from '../fixtures/coverage/fixtures.ts';
import {
	countyReachSql,
	DEMO_SOURCES,
	loadTempSources,
	oracleSql,
	TEMP_SOURCES,
	type OracleRow
} from './coverage-oracle-sql.ts';
import { rolledBack, testDatabase, type TestDatabase } from './engine.ts';

const COMMAND: Claims = {
	sub: '00000000-0000-4000-8000-000000000001',
	role: 'authenticated',
	app_metadata: { app_role: 'command' }
};

interface Comparable {
	households: number;
	population: number;
	area: number | null;
	detail: string | null;
}

/** The engine's findings in the oracle's terms, keyed by id. */
function comparable(findings: Finding[]): Map<string, Comparable> {
	const out = new Map<string, Comparable>();
	for (const f of findings) {
		const base = { households: f.households, population: f.population, area: null, detail: null };
		switch (f.kind) {
			case 'grid_unassigned':
			case 'village_outside_grids':
			case 'reach_gap':
			case 'grid_outside_village':
				out.set(f.id, { ...base, area: f.areaKm2 });
				break;
			case 'village_uncovered_grids':
				out.set(f.id, { ...base, area: f.areaKm2, detail: f.gridIds.join(',') });
				break;
			case 'village_out_of_reach':
				out.set(f.id, { ...base, area: f.areaKm2, detail: String(f.distanceKm) });
				break;
			case 'campaign_grid_shortfall':
				out.set(f.id, { ...base, detail: f.unvisitedHouseholdIds.join(',') });
				break;
			case 'officer_overloaded':
				out.set(f.id, { ...base, detail: f.gridIds.join(',') });
				break;
			case 'invalid_input':
				// the oracle checks geometry validity; references cannot dangle in its tables
				if ((f.entity === 'village' || f.entity === 'grid') && f.geometry)
					out.set(`invalid_geometry:${f.entity}:${f.entityId}`, {
						households: 0,
						population: 0,
						area: null,
						detail: null
					});
				break;
			default:
				out.set(f.id, base);
		}
	}
	return out;
}

function oracleMap(rows: OracleRow[]): Map<string, Comparable> {
	const out = new Map<string, Comparable>();
	for (const r of rows) {
		const id = r.kind === 'invalid_geometry' ? `invalid_geometry:${r.id}` : r.id;
		const detail = r.kind === 'reach_gap' ? null : r.detail;
		const area =
			r.kind === 'campaign_grid_shortfall' || r.area_km2 === null || r.kind.startsWith('village_no')
				? null
				: Number(r.area_km2);
		out.set(id, { households: Number(r.households), population: Number(r.population), area, detail });
	}
	return out;
}

const closeArea = (a: number | null, b: number | null) =>
	a === null || b === null ? a === b : Math.abs(a - b) <= Math.max(1e-6, 0.001 * Math.max(a, b));

/** Differences as readable lines, so a failure says what disagrees. */
function disagreements(engine: Map<string, Comparable>, oracle: Map<string, Comparable>): string[] {
	const out: string[] = [];
	for (const [id, e] of engine) {
		const o = oracle.get(id);
		if (!o) {
			out.push(`${id}: engine only`);
			continue;
		}
		if (e.households !== o.households || e.population !== o.population)
			out.push(
				`${id}: households ${e.households}/${o.households}, population ${e.population}/${o.population}`
			);
		if (!closeArea(e.area, o.area)) out.push(`${id}: area ${e.area} vs ${o.area}`);
		if (id.startsWith('village_out_of_reach')) {
			if (!closeArea(Number(e.detail), Number(o.detail)))
				out.push(`${id}: distance ${e.detail} vs ${o.detail}`);
		} else if (e.detail !== o.detail) out.push(`${id}: ${e.detail} vs ${o.detail}`);
	}
	for (const id of oracle.keys()) if (!engine.has(id)) out.push(`${id}: oracle only`);
	return out;
}

const kinds = (m: Map<string, Comparable>) => {
	const count: Record<string, number> = {};
	for (const id of m.keys()) {
		const k = id.split(':')[0];
		count[k] = (count[k] ?? 0) + 1;
	}
	return count;
};

let t: TestDatabase;
beforeAll(async () => {
	t = await testDatabase();
});

describe('coverage engine vs PostGIS on the county demo', () => {
	let input: CoverageInput;
	let engine: Map<string, Comparable>;
	let oracle: Map<string, Comparable>;
	let findings: Finding[];

	beforeAll(async () => {
		const json = await rpcPort(t.db).call<CoverageInputJson>('coverage_input', {}, COMMAND);
		input = coverageInputFromJson(json);
		findings = analyse(input);
		engine = comparable(findings);
		oracle = oracleMap(await t.db.query<OracleRow>(oracleSql(DEMO_SOURCES, DEFAULT_OPTIONS)));
	});

	it('reads the whole demo through coverage_input()', () => {
		expect(input.villages).toHaveLength(t.demo.villages.length);
		expect(input.grids).toHaveLength(t.demo.grids.length);
		expect(input.households).toHaveLength(t.demo.households.length);
		expect(input.campaign?.gridIds.length).toBeGreaterThan(0);
		expect(input.visits.length).toBeGreaterThan(0);
	});

	it('finds every kind of gap the generator plants (a silent empty overlay would fail here)', () => {
		const k = kinds(oracle);
		for (const kind of [
			'grid_unassigned',
			'village_no_officer',
			'village_no_assistant',
			'village_uncovered_grids',
			'village_out_of_reach',
			'reach_gap',
			'campaign_grid_shortfall',
			'officer_overloaded'
		])
			expect(k[kind] ?? 0, kind).toBeGreaterThan(0);
		expect(kinds(engine)).toEqual(k);
	});

	it('agrees with PostGIS finding by finding', () => {
		expect(disagreements(engine, oracle)).toEqual([]);
	});

	it('sums the reach gaps to the county outline minus the union of all buffers', async () => {
		const [county] = await t.db.query<{ id: number; km2: number }>(countyReachSql(DEFAULT_OPTIONS.reachKm));
		expect(county.km2).toBeGreaterThan(100);
		let km2 = 0;
		for (const f of findings)
			if (f.kind === 'reach_gap' || f.kind === 'village_out_of_reach') km2 += f.areaKm2;
		expect(Math.abs(km2 - county.km2) / county.km2).toBeLessThan(0.001);
	});
});

describe('coverage engine vs PostGIS on the hand-made fixture', () => {
	let engine: Map<string, Comparable>;
	let oracle: Map<string, Comparable>;

	beforeAll(async () => {
		engine = comparable(analyse(fixtureInput, fixtureOptions));
		await rolledBack(t.db, async (tx) => {
			await loadTempSources(tx, fixtureInput);
			const rows = await tx.query<OracleRow>(
				oracleSql(TEMP_SOURCES, { ...DEFAULT_OPTIONS, ...fixtureOptions })
			);
			oracle = oracleMap(rows);
		});
	});

	it('has the findings the fixture was built for', () => {
		for (const id of [
			'village_outside_grids:1',
			'village_uncovered_grids:1',
			'grid_outside_village:31',
			'reach_gap:4',
			'village_out_of_reach:5',
			'invalid_geometry:village:6',
			'invalid_geometry:village:8',
			'invalid_geometry:grid:71',
			'campaign_grid_shortfall:1:12',
			'officer_overloaded:2'
		])
			expect(oracle.has(id), id).toBe(true);
		// grid 11 is exactly at the campaign target: not a shortfall
		expect(oracle.has('campaign_grid_shortfall:1:11')).toBe(false);
	});

	it('agrees with PostGIS finding by finding', () => {
		expect(disagreements(engine, oracle)).toEqual([]);
	});
});
