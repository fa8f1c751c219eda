// The planner's list and map helpers: findings placed in village, township, county and station,
// ranked by households, filtered; diagonal hatching clipped to polygons; every engine reason and
// kind translated.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/lib/coverage/engine.ts';
import { FINDING_KINDS, type Finding } from '../../src/lib/coverage/findings.ts';
import { hatchLines, hatchSpacingM } from '../../src/lib/features/gaps/hatch.ts';
import { kindKey, reasonKey } from '../../src/lib/features/gaps/labels.ts';
import { mappedRows } from '../../src/lib/features/gaps/gap-layers.ts';
import {
	filterRows,
	NO_FILTER,
	planRow,
	rankRows,
	type PlacesIndex
} from '../../src/lib/features/gaps/plan-rows.ts';
import { en } from '../../src/lib/i18n/messages/en.ts';
import { zhCN } from '../../src/lib/i18n/messages/zh-CN.ts';
import { isMessageKey } from '../../src/lib/i18n/translate.ts';
import { fixtureInput, fixtureOptions } from '../fixtures/coverage/fixtures.ts';

const outline = { type: 'MultiPolygon' as const, coordinates: [] };
const places: PlacesIndex = {
	villages: new Map([
		[1, { name: '一村', townshipId: 10, stationId: 100, geometry: outline }],
		[2, { name: '二村', townshipId: 20, stationId: 200, geometry: outline }]
	]),
	grids: new Map([
		[12, { name: '第二网格', villageId: 1 }],
		[21, { name: '甲网格', villageId: 2 }]
	]),
	townships: new Map([
		[10, { name: '甲镇', countyId: 1 }],
		[20, { name: '乙乡', countyId: 1 }]
	]),
	counties: new Map([[1, '遂昌县']]),
	stations: new Map([
		[100, '甲派出所'],
		[200, '乙派出所']
	]),
	officers: new Map([[2, { name: '王警官', stationId: 200 }]])
};

const findings = analyse(fixtureInput, fixtureOptions);
const rows = rankRows(findings.map((f) => planRow(f, places)));

describe('plan rows', () => {
	it('places a grid finding in its village, township, county and station', () => {
		const r = rows.find((x) => x.id === 'grid_unassigned:12');
		expect(r).toMatchObject({
			subject: '一村 第二网格',
			village: '一村',
			township: '甲镇',
			county: '遂昌县',
			station: '甲派出所',
			countyId: 1,
			townshipId: 10,
			stationId: 100
		});
	});

	it("places an overloaded officer at the officer's station", () => {
		const r = rows.find((x) => x.kind === 'officer_overloaded' && x.subject === '王警官');
		expect(r?.station).toBe('乙派出所');
	});

	it('falls back to the village outline when a finding has no area of its own', () => {
		const f = findings.find((x) => x.kind === 'village_no_assistant' && x.villageId === 2);
		if (!f) throw new Error('the fixture has a village without assistant');
		expect(planRow({ ...f, geometry: null }, places).geometry).toBe(outline);
	});

	it('ranks by households, most first', () => {
		const households = rows.map((r) => r.households);
		expect(households).toEqual([...households].sort((a, b) => b - a));
		expect(rankRows([...rows].reverse()).map((r) => r.id)).toEqual(rows.map((r) => r.id));
	});

	it('filters by kind and place', () => {
		expect(filterRows(rows, NO_FILTER)).toHaveLength(rows.length);
		const kind = filterRows(rows, { ...NO_FILTER, kind: 'grid_unassigned' });
		expect(kind.map((r) => r.id)).toEqual(['grid_unassigned:12']);
		const station = filterRows(rows, { ...NO_FILTER, stationId: 200 });
		expect(station.length).toBeGreaterThan(0);
		expect(station.every((r) => r.stationId === 200)).toBe(true);
		expect(filterRows(rows, { ...NO_FILTER, townshipId: 20, stationId: 100 })).toEqual([]);
	});

	it('maps the coverage and reach kinds unless the list shows another kind', () => {
		const mapped = mappedRows(rows, null);
		expect(mapped.every((r) => !r.kind.startsWith('campaign') && r.kind !== 'village_no_assistant')).toBe(
			true
		);
		const campaign = rows.filter((r) => r.kind === 'campaign_grid_shortfall');
		expect(mappedRows(campaign, 'campaign_grid_shortfall')).toEqual(campaign);
	});
});

describe('translations of the engine', () => {
	it('has every kind and every reason the engine can give, in both languages', () => {
		const reasons: Finding['reason'][] = [
			...new Set(findings.map((f) => f.reason)),
			'gap.village_out_of_reach',
			'gap.reach_partial',
			'input.grid_outside_village',
			'input.not_polygon',
			'input.empty',
			'input.non_finite',
			'input.out_of_range',
			'input.ring_too_short',
			'input.ring_not_closed',
			'input.zero_area',
			'input.self_intersection',
			'input.invalid_point',
			'input.duplicate_id',
			'input.unknown_village',
			'input.unknown_grid',
			'input.unknown_officer',
			'input.duplicate_primary',
			'input.invalid_target'
		];
		for (const key of [...FINDING_KINDS.map(kindKey), ...reasons.map(reasonKey)]) {
			expect(isMessageKey(key), key).toBe(true);
			expect(zhCN[key as keyof typeof zhCN], key).toBeTruthy();
			expect(en[key as keyof typeof en], key).toBeTruthy();
		}
	});
});

describe('hatching', () => {
	const square = {
		type: 'Polygon' as const,
		coordinates: [
			[
				[119.5, 28.5],
				[119.52, 28.5],
				[119.52, 28.52],
				[119.5, 28.52],
				[119.5, 28.5]
			]
		]
	};
	const inside = ([x, y]: number[], eps = 1e-9) =>
		x >= 119.5 - eps && x <= 119.52 + eps && y >= 28.5 - eps && y <= 28.52 + eps;

	it('draws diagonal segments whose ends lie on the outline', () => {
		const lines = hatchLines(square, 200);
		expect(lines.length).toBeGreaterThan(10);
		for (const [a, b] of lines) {
			expect(inside(a) && inside(b)).toBe(true);
			// 45° on the ground: the slope in degrees is -cos(lat)
			const slope = (b[1] - a[1]) / (b[0] - a[0]);
			expect(slope).toBeCloseTo(-Math.cos((28.51 * Math.PI) / 180), 3);
		}
	});

	it('leaves holes empty', () => {
		const hole = [
			[119.505, 28.505],
			[119.505, 28.515],
			[119.515, 28.515],
			[119.515, 28.505],
			[119.505, 28.505]
		];
		const lines = hatchLines({ type: 'Polygon', coordinates: [square.coordinates[0], hole] }, 100);
		const mid = (a: number[], b: number[]) => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
		for (const [a, b] of lines) {
			const [x, y] = mid(a, b);
			expect(x > 119.505 && x < 119.515 && y > 28.505 && y < 28.515).toBe(false);
		}
	});

	it('spaces lines closer on the ground as the map zooms in', () => {
		expect(hatchSpacingM(14, 28.4)).toBeLessThan(hatchSpacingM(10, 28.4));
		expect(hatchSpacingM(10, 28.4, 9)).toBeCloseTo(
			(9 * 156_543.03 * Math.cos((28.4 * Math.PI) / 180)) / 1024,
			6
		);
	});
});
