// The demo generator checked from outside, with turf rather than the generator's own geometry
// code: published counts, determinism, tiling, points inside their polygons, and the gaps the
// planner is meant to find.
import { area, bbox, booleanPointInPolygon, pointOnFeature, pointToPolygonDistance } from '@turf/turf';
import type { MultiPolygon, Point } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, generateDetailed } from '../../scripts/demo/generate.ts';
import type { DemoData } from '../../src/lib/types/domain.ts';
import { chinaDate, fromChinaWallTime } from '../../src/lib/time/china-time.ts';

const NOW = new Date('2026-11-24T00:00:00Z'); // 08:00 in China
const DAY = 86_400_000;

const SUICHANG_TOWNSHIPS = [
	'妙高街道',
	'云峰街道',
	'北界镇',
	'金竹镇',
	'大柘镇',
	'石练镇',
	'王村口镇',
	'黄沙腰镇',
	'新路湾镇',
	'湖山乡',
	'蔡源乡',
	'焦滩乡',
	'应村乡',
	'高坪乡',
	'濂竹乡',
	'三仁畲族乡',
	'柘岱口乡',
	'西畈乡',
	'垵口乡',
	'龙洋乡'
];

function byId<T extends { id: number }>(rows: T[]): Map<number, T> {
	return new Map(rows.map((r) => [r.id, r]));
}

function countBy<T>(rows: T[], key: (r: T) => string): Record<string, number> {
	const out: Record<string, number> = {};
	for (const r of rows) out[key(r)] = (out[key(r)] ?? 0) + 1;
	return out;
}

function near(actual: number, target: number, tolerance = 0.05): boolean {
	return Math.abs(actual - target) <= target * tolerance;
}

/** A multipolygon with a bbox, to skip point-in-polygon tests that cannot succeed. */
function indexed(geom: MultiPolygon) {
	const b = bbox(geom);
	return {
		geom,
		contains: (p: Point, strict = false) =>
			p.coordinates[0] >= b[0] &&
			p.coordinates[0] <= b[2] &&
			p.coordinates[1] >= b[1] &&
			p.coordinates[1] <= b[3] &&
			booleanPointInPolygon(p, geom, { ignoreBoundary: strict })
	};
}

/** Share of villages with no post or station within 3 km (measured on the ellipsoid by turf). */
function remoteShare(d: DemoData): number {
	const points = [...d.posts, ...d.stations].map((p) => p.geom);
	let remote = 0;
	for (const v of d.villages) {
		const [x0, y0, x1, y1] = bbox(v.geom);
		const close = points.filter(
			(p) =>
				p.coordinates[0] > x0 - 0.04 &&
				p.coordinates[0] < x1 + 0.04 &&
				p.coordinates[1] > y0 - 0.03 &&
				p.coordinates[1] < y1 + 0.03
		);
		if (!close.some((p) => pointToPolygonDistance(p, v.geom, { units: 'meters' }) <= 3000)) remote++;
	}
	return remote / d.villages.length;
}

function unassignedShare(d: DemoData): number {
	const active = new Set(
		d.assignments.filter((a) => a.role === 'primary' && a.valid_to === null).map((a) => a.grid_id)
	);
	return d.grids.filter((g) => !active.has(g.id)).length / d.grids.length;
}

describe('the county demo (遂昌县)', () => {
	let d: DemoData;
	beforeAll(() => {
		d = generate({ scale: 'county', seed: 1, now: NOW });
	});

	it('is a pure function of scale, seed and now', () => {
		const again = generate({ scale: 'county', seed: 1, now: NOW });
		expect(JSON.stringify(again) === JSON.stringify(d)).toBe(true);
		const other = generate({ scale: 'county', seed: 2, now: NOW });
		expect(other.villages.length).toBe(203);
		expect(JSON.stringify(other.villages)).not.toBe(JSON.stringify(d.villages));
		expect(JSON.stringify(other.households.slice(0, 100))).not.toBe(
			JSON.stringify(d.households.slice(0, 100))
		);
		expect(d.now).toBe(NOW.toISOString());
		// two more county generations: seconds, more on a shared machine
	}, 30_000);

	it('anchors to the top of the current hour by default', () => {
		const before = Date.now();
		const today = generate({ scale: 'county' });
		expect(today.seed).toBe(1);
		expect(today.now).toMatch(/:00:00\.000Z$/);
		const anchor = Date.parse(today.now);
		// never ahead of the clock, never more than an hour behind the moment it was asked for
		expect(anchor).toBeLessThanOrEqual(Date.now());
		expect(before - anchor).toBeLessThan(60 * 60_000);
	});

	it('has the published figures of 遂昌县', () => {
		expect(d.counties.map((c) => [c.code, c.name])).toEqual([['331123', '遂昌县']]);
		expect(d.townships.map((t) => t.name)).toEqual(SUICHANG_TOWNSHIPS);
		expect(d.townships.filter((t) => t.kind === 'subdistrict').map((t) => t.name)).toEqual([
			'妙高街道',
			'云峰街道'
		]);
		expect(d.villages).toHaveLength(203);
		expect(d.grids).toHaveLength(449);
		const communities = d.villages.filter((v) => v.kind === 'community');
		expect(communities.length).toBeGreaterThan(3);
		expect(communities.length).toBeLessThan(40);
		const subdistricts = new Set(d.townships.filter((t) => t.kind === 'subdistrict').map((t) => t.id));
		expect(communities.every((v) => subdistricts.has(v.township_id))).toBe(true);
		expect(near(d.households.length, 80_000)).toBe(true);
		expect(near(d.incidents.length, 22_000)).toBe(true);
		expect(near(d.key_units.length, 150)).toBe(true);
		const kinds = countBy(d.officers, (o) => o.kind);
		expect(near(kinds.police, 350)).toBe(true);
		expect(near(kinds.auxiliary, 400)).toBe(true);
		expect(kinds.assistant).toBeGreaterThan(203 * 0.85);
		expect(kinds.assistant).toBeLessThan(203);
		expect(d.stations.length).toBeGreaterThanOrEqual(16);
		expect(d.stations.length).toBeLessThanOrEqual(20);
		expect(countBy(d.posts, (p) => p.kind).work_point).toBe(36);
	});

	it('numbers rows 1..n and keeps codes unique', () => {
		for (const key of Object.keys(d) as (keyof DemoData)[]) {
			const rows = d[key];
			if (!Array.isArray(rows)) continue;
			expect(rows.map((r) => r.id)).toEqual(rows.map((_, i) => i + 1));
			const codes = rows.map((r) => ('code' in r ? r.code : null)).filter((c) => c !== null);
			expect(new Set(codes).size).toBe(codes.length);
		}
		expect(new Set(d.officers.map((o) => o.badge)).size).toBe(d.officers.length);
		expect(d.officers.every((o) => /^\d{6}$/.test(o.badge))).toBe(true);
		const grids = byId(d.grids);
		expect(d.households.every((h) => h.code.startsWith(grids.get(h.grid_id)?.code ?? '?'))).toBe(true);
		expect(d.households.every((h) => /^\d{4}$/.test(h.code.slice(-4)))).toBe(true);
	});

	it('has valid closed multipolygons', () => {
		for (const rows of [d.counties, d.townships, d.villages, d.grids, d.campaign_blocks]) {
			for (const r of rows) {
				expect(r.geom.type).toBe('MultiPolygon');
				expect(r.geom.coordinates.length).toBeGreaterThan(0);
				for (const ring of r.geom.coordinates.flat()) {
					expect(ring.length).toBeGreaterThanOrEqual(4);
					expect(ring[0]).toEqual(ring[ring.length - 1]);
				}
			}
		}
	});

	it('tiles each village with its grids and each township with its villages', () => {
		const villages = byId(d.villages);
		const gridArea = new Map<number, number>();
		for (const g of d.grids) {
			gridArea.set(g.village_id, (gridArea.get(g.village_id) ?? 0) + area(g.geom));
			// pointOnFeature is the centroid when that lies inside, else a point on the surface
			const v = villages.get(g.village_id);
			expect(v && booleanPointInPolygon(pointOnFeature(g.geom), v.geom)).toBe(true);
		}
		for (const v of d.villages) {
			expect(Math.abs((gridArea.get(v.id) ?? 0) / area(v.geom) - 1)).toBeLessThan(1e-4);
		}
		const villageArea = new Map<number, number>();
		for (const v of d.villages)
			villageArea.set(v.township_id, (villageArea.get(v.township_id) ?? 0) + area(v.geom));
		for (const t of d.townships) {
			expect(Math.abs((villageArea.get(t.id) ?? 0) / area(t.geom) - 1)).toBeLessThan(1e-4);
		}
		const townshipArea = d.townships.reduce((s, t) => s + area(t.geom), 0);
		expect(Math.abs(townshipArea / area(d.counties[0].geom) - 1)).toBeLessThan(1e-4);
	});

	it('puts every household strictly inside its grid, clustered rather than uniform', () => {
		const grids = new Map(d.grids.map((g) => [g.id, indexed(g.geom)]));
		const outside = d.households.filter((h) => !grids.get(h.grid_id)?.contains(h.geom, true));
		expect(outside).toEqual([]);
		expect(d.households.every((h) => h.residents >= 1 && h.residents <= 6)).toBe(true);
		expect(d.households.every((h) => /^1[358]\d{9}$/.test(h.phone))).toBe(true);
		expect(d.households.every((h) => h.id_number.length === 18 && h.id_number.startsWith('331123'))).toBe(
			true
		);
		const share = (f: (h: DemoData['households'][number]) => boolean) =>
			d.households.filter(f).length / d.households.length;
		expect(share((h) => h.elderly_alone)).toBeGreaterThan(0.05);
		expect(share((h) => h.elderly_alone)).toBeLessThan(0.11);
		expect(share((h) => h.past_fraud_victim)).toBeGreaterThan(0.02);
		expect(share((h) => h.past_fraud_victim)).toBeLessThan(0.04);
		expect(share((h) => h.rental)).toBeGreaterThan(0.07);
		expect(share((h) => h.rental)).toBeLessThan(0.14);
	});

	it('keeps one active primary police officer of the grid’s own station per grid', () => {
		const officers = byId(d.officers);
		const grids = byId(d.grids);
		const villages = byId(d.villages);
		const stationOf = (gridId: number) => villages.get(grids.get(gridId)?.village_id ?? 0)?.station_id;
		const active = d.assignments.filter((a) => a.valid_to === null);
		const primaries = countBy(
			active.filter((a) => a.role === 'primary'),
			(a) => String(a.grid_id)
		);
		expect(Object.values(primaries).every((n) => n === 1)).toBe(true);
		for (const a of d.assignments) {
			const o = officers.get(a.officer_id);
			expect(o?.station_id).toBe(stationOf(a.grid_id));
			if (a.role === 'primary') expect(o?.kind).toBe('police');
			if (a.role === 'helper') expect(o?.kind).toBe('auxiliary');
			if (a.valid_to === null) expect(o?.status).toBe('active');
			else expect(Date.parse(a.valid_to)).toBeGreaterThan(Date.parse(a.valid_from));
		}
		// no two primary assignments of a grid overlap in time
		const byGrid = new Map<number, { from: number; to: number }[]>();
		for (const a of d.assignments.filter((x) => x.role === 'primary')) {
			const list = byGrid.get(a.grid_id) ?? [];
			list.push({ from: Date.parse(a.valid_from), to: a.valid_to ? Date.parse(a.valid_to) : Infinity });
			byGrid.set(a.grid_id, list);
		}
		for (const list of byGrid.values()) {
			list.sort((x, y) => x.from - y.from);
			for (let i = 1; i < list.length; i++) expect(list[i].from).toBeGreaterThanOrEqual(list[i - 1].to);
		}
		const unassigned = unassignedShare(d);
		expect(unassigned).toBeGreaterThanOrEqual(0.05);
		expect(unassigned).toBeLessThanOrEqual(0.12);
		const history = new Set(d.assignments.filter((a) => a.valid_to !== null).map((a) => a.grid_id));
		expect(history.size / d.grids.length).toBeGreaterThan(0.1);
		const helpers = new Set(d.assignments.filter((a) => a.role === 'helper').map((a) => a.grid_id));
		expect(helpers.size / d.grids.length).toBeGreaterThan(0.5);
	});

	it('leaves 8–25% of villages beyond 3 km of every post and station', () => {
		const share = remoteShare(d);
		expect(share).toBeGreaterThanOrEqual(0.08);
		expect(share).toBeLessThanOrEqual(0.25);
	});

	it('places posts, stations, officers and key units inside the county', () => {
		const county = indexed(d.counties[0].geom);
		for (const p of [...d.posts, ...d.stations, ...d.key_units]) expect(county.contains(p.geom)).toBe(true);
		for (const o of d.officers) expect(o.geom && county.contains(o.geom)).toBe(true);
		const villages = new Map(d.villages.map((v) => [v.id, indexed(v.geom)]));
		for (const o of d.officers.filter((x) => x.kind === 'assistant')) {
			expect(o.village_id !== null && o.geom !== null && villages.get(o.village_id)?.contains(o.geom)).toBe(
				true
			);
		}
	});

	it('dates incidents in the year before now, with the dispute rules', () => {
		const now = NOW.getTime();
		for (const i of d.incidents) {
			const t = Date.parse(i.occurred_at);
			expect(t).toBeLessThan(now);
			expect(t).toBeGreaterThan(now - 366 * DAY);
			if (i.category !== 'dispute') expect(i.mediation_status).toBeNull();
			if (now - t > 3 * DAY) expect(i.status).toBe('closed');
			if (i.category === 'dispute' && i.status === 'closed') expect(i.mediation_status).not.toBeNull();
		}
		const categories = countBy(d.incidents, (i) => i.category);
		expect(categories.dispute / d.incidents.length).toBeGreaterThan(0.19);
		expect(categories.dispute / d.incidents.length).toBeLessThan(0.25);
		const recent = d.incidents.filter((i) => now - Date.parse(i.occurred_at) < 30 * DAY);
		const quiet = d.villages.length - new Set(recent.map((i) => nearestVillage(d, i.geom))).size;
		expect(quiet / d.villages.length).toBeGreaterThan(0.08);
		expect(quiet / d.villages.length).toBeLessThan(0.25);
	});

	it('runs the 敲门行动 over 18 blocks with visits inside them', () => {
		expect(d.campaigns).toHaveLength(1);
		expect(d.campaigns[0].name).toBe('遂昌县“敲门行动”');
		expect(d.campaign_blocks.map((b) => b.name)).toEqual(
			Array.from({ length: 18 }, (_, i) => `第${i + 1}区块`)
		);
		const blocks = d.campaign_blocks.map((b) => indexed(b.geom));
		const households = byId(d.households);
		const [y, m, day] = d.campaigns[0].starts_on.split('-').map(Number);
		const start = fromChinaWallTime(y, m, day);
		for (const v of d.campaign_visits) {
			const h = households.get(v.household_id);
			expect(h && blocks.some((b) => b.contains(h.geom))).toBe(true);
			expect(Date.parse(v.visited_at)).toBeGreaterThanOrEqual(start);
			expect(Date.parse(v.visited_at)).toBeLessThanOrEqual(NOW.getTime());
			if (v.money_protected > 0) expect(v.fraud_risk_found).toBe(true);
		}
		const inScope = d.households.filter((h) => blocks.some((b) => b.contains(h.geom))).length;
		const visited = new Set(d.campaign_visits.map((v) => v.household_id)).size;
		expect(visited / inScope).toBeGreaterThan(0.5);
		expect(visited / inScope).toBeLessThan(0.8);
		expect(d.campaign_visits.length).toBeGreaterThan(visited);
	});

	it('gives the campaign a known effect on fraud and changes nothing else', () => {
		const { data, prevented } = generateDetailed({ scale: 'county', seed: 1, now: NOW });
		expect(JSON.stringify(data) === JSON.stringify(d)).toBe(true);
		const plain = generate({ scale: 'county', seed: 1, now: NOW, campaignEffect: 0 });
		for (const key of Object.keys(d) as (keyof DemoData)[])
			if (key !== 'incidents') expect(JSON.stringify(plain[key]) === JSON.stringify(d[key])).toBe(true);
		// the incidents are those without the effect, but for the prevented ones and renumbering
		const strip = ({ id: _id, code: _code, ...rest }: DemoData['incidents'][number]) => JSON.stringify(rest);
		const kept = new Set(d.incidents.map(strip));
		const gone = plain.incidents.map(strip).filter((i) => !kept.has(i));
		expect(gone.sort()).toEqual(prevented.map((i) => JSON.stringify(i)).sort());
		expect(d.incidents.map((i) => i.id)).toEqual(d.incidents.map((_, n) => n + 1));
		// all fraud, each in a reached grid on or after the China day of its first visit
		const households = byId(d.households);
		const firstDay = new Map<number, string>();
		for (const v of d.campaign_visits) {
			const grid = households.get(v.household_id)!.grid_id;
			const day = chinaDate(Date.parse(v.visited_at));
			if (day < (firstDay.get(grid) ?? '9999')) firstDay.set(grid, day);
		}
		const reached = d.grids.filter((g) => firstDay.has(g.id)).map((g) => ({ g, shape: indexed(g.geom) }));
		for (const i of prevented) {
			expect(i.category).toBe('fraud');
			const grid = reached.find((r) => r.shape.contains(i.geom))?.g.id;
			expect(grid && firstDay.get(grid)! <= chinaDate(Date.parse(i.occurred_at))).toBe(true);
		}
		expect(prevented.length).toBeGreaterThan(20);
		expect(() => generate({ scale: 'county', now: NOW, campaignEffect: 0.1 })).toThrow(RangeError);
	}, 30_000);
});

/** The village holding a point (incidents carry no village id; the database derives it). */
function nearestVillage(d: DemoData, p: Point): number {
	cache ??= new WeakMap();
	let villages = cache.get(d);
	if (!villages) {
		villages = d.villages.map((v) => ({ id: v.id, shape: indexed(v.geom) }));
		cache.set(d, villages);
	}
	return villages.find((v) => v.shape.contains(p))?.id ?? 0;
}
let cache: WeakMap<DemoData, { id: number; shape: ReturnType<typeof indexed> }[]> | undefined;

describe('the city demo (丽水市)', () => {
	let d: DemoData;
	beforeAll(() => {
		d = generate({ scale: 'city', seed: 1, now: NOW });
	}, 120_000);

	it('has the 9 counties and the published totals', () => {
		expect(d.counties.map((c) => `${c.code} ${c.name}`)).toEqual([
			'331102 莲都区',
			'331121 青田县',
			'331122 缙云县',
			'331123 遂昌县',
			'331124 松阳县',
			'331125 云和县',
			'331126 庆元县',
			'331127 景宁畲族自治县',
			'331181 龙泉市'
		]);
		expect(d.villages).toHaveLength(2850);
		expect(d.grids).toHaveLength(3512);
		const kinds = countBy(d.officers, (o) => o.kind);
		expect(kinds.police).toBe(2040);
		expect(kinds.auxiliary).toBe(2320);
		expect(near(d.households.length, 900_000)).toBe(true);
		expect(near(d.incidents.length, 200_000)).toBe(true);
		expect(d.campaign_blocks).toHaveLength(18);
	});

	it('gives every county its own townships and leaves gaps for the planner', () => {
		const perCounty = countBy(d.townships, (t) => String(t.county_id));
		expect(Object.keys(perCounty)).toHaveLength(9);
		const unassigned = unassignedShare(d);
		expect(unassigned).toBeGreaterThanOrEqual(0.05);
		expect(unassigned).toBeLessThanOrEqual(0.12);
		const grids = byId(d.grids);
		expect(new Set(d.households.map((h) => h.grid_id)).size).toBe(d.grids.length);
		expect(d.households.every((h) => grids.has(h.grid_id))).toBe(true);
	});
});
