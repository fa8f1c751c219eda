// A province's planner analyses one city at a time, and a new campaign is planned in one; a county
// or a city is taken whole.
import { describe, expect, it } from 'vitest';
import { citiesOf } from '../../src/lib/features/places/cities.ts';
import type { PickingInfo } from '@deck.gl/core';
import { cityAt, cityChoiceLayer, cityCounties } from '../../src/lib/features/places/city-layer.ts';
import { cityLink, placesOfCity, cityScope, reachingInto } from '../../src/lib/features/places/city-scope.ts';
import type {
	AreaCollection,
	GridCollection,
	MapSummary,
	VillageCollection
} from '../../src/lib/types/layers.ts';

function county(id: number, code: string, [x, y]: [number, number]): AreaCollection['features'][number] {
	const ring = [
		[x, y],
		[x + 0.5, y],
		[x + 0.5, y + 0.4],
		[x, y + 0.4],
		[x, y]
	];
	return {
		type: 'Feature',
		properties: { id, name: `县${id}`, code, parent_id: null },
		geometry: { type: 'MultiPolygon', coordinates: [[ring]] }
	};
}

const PROVINCE: AreaCollection = {
	type: 'FeatureCollection',
	features: [
		county(1, '331123', [119.0, 28.4]),
		county(2, '330102', [120.0, 30.2]),
		county(3, '331102', [119.8, 28.3]),
		county(4, '999901', [100.0, 30.0])
	]
};

const summary = (grids: number) => ({ grids }) as MapSummary;

describe('the cities of the counties', () => {
	it('groups counties by the first four digits of their code, named where known', () => {
		const cities = citiesOf(PROVINCE);
		expect(cities.map((c) => [c.code, c.name, c.countyIds])).toEqual([
			['3301', '杭州市', [2]],
			['3311', '丽水市', [1, 3]],
			['9999', '9999', [4]]
		]);
	});
});

describe("the planner's scope", () => {
	it('asks for a city when a province has too many grids to analyse at once', () => {
		const scope = cityScope(summary(60_000), PROVINCE, null);
		expect(scope.kind).toBe('choose');
		// a code that is not one of its cities asks again rather than analysing everything
		expect(cityScope(summary(60_000), PROVINCE, '3399').kind).toBe('choose');
	});

	it("reads the chosen city's counties in their box, padded", () => {
		const scope = cityScope(summary(60_000), PROVINCE, '3311');
		if (scope.kind !== 'city') throw new Error(scope.kind);
		expect(scope.city.countyIds).toEqual([1, 3]);
		expect(scope.cities).toHaveLength(3);
		const [w, s, e, n] = scope.bbox;
		expect(w).toBeCloseTo(118.999, 6);
		expect(s).toBeCloseTo(28.299, 6);
		expect(e).toBeCloseTo(120.301, 6);
		expect(n).toBeCloseTo(28.801, 6);
	});

	it('analyses a county or a city whole, and a small province whole', () => {
		const lishui: AreaCollection = {
			type: 'FeatureCollection',
			features: PROVINCE.features.filter((f) => f.properties.code.startsWith('3311'))
		};
		expect(cityScope(summary(60_000), lishui, null).kind).toBe('whole');
		expect(cityScope(summary(3_512), PROVINCE, '3311').kind).toBe('whole');
		expect(cityScope(summary(10_000), PROVINCE, null).kind).toBe('whole');
		expect(cityScope(summary(10_001), PROVINCE, null).kind).toBe('choose');
	});
});

describe('choosing a city', () => {
	it("opens the planner on the city with the sliders kept and the old city's view and finding gone", () => {
		const next = cityLink(
			new URL('http://x/plan?reach=5&target=70&city=3301&z=8&c=120,30&finding=village:9&sel=grid:1'),
			'3311'
		);
		expect(next.pathname).toBe('/plan');
		expect(Object.fromEntries(next.searchParams)).toEqual({ reach: '5', target: '70', city: '3311' });
	});

	it("puts each city's counties on the map under the city's code and name", () => {
		const map = cityCounties(citiesOf(PROVINCE));
		expect(map.features.map((f) => [f.properties.city, f.properties.name, f.properties.index])).toEqual([
			['3301', '杭州市', 0],
			['3311', '丽水市', 1],
			['3311', '丽水市', 1],
			['9999', '9999', 2]
		]);
		expect(map.features[1].geometry).toBe(PROVINCE.features[0].geometry);
	});

	it("reads the city of a pick on the cities' layer, and of no other layer", () => {
		const map = cityCounties(citiesOf(PROVINCE));
		const layer = cityChoiceLayer(map);
		const pick = (l: unknown, object: unknown) => ({ layer: l, object }) as unknown as PickingInfo;
		expect(cityAt(pick(layer, map.features[1]))).toEqual({ city: '3311', name: '丽水市', index: 1 });
		expect(cityAt(pick(layer, null))).toBeNull();
		expect(cityAt(pick({ id: 'villages' }, map.features[1]))).toBeNull();
		expect(cityAt(pick(null, null))).toBeNull();
	});
});

describe("a city's places out of layers read in its box", () => {
	const square = county(0, '', [119, 28]).geometry;
	const collection = <T>(features: T[]) => ({ type: 'FeatureCollection' as const, features });
	const area = (id: number, parent: number) => ({
		type: 'Feature' as const,
		properties: { id, name: `镇${id}`, code: String(id), parent_id: parent },
		geometry: square
	});
	const places = {
		counties: PROVINCE,
		// townships 10 and 11 in 丽水市's counties 1 and 3, 12 in 杭州市's county 2
		townships: collection([area(10, 1), area(11, 3), area(12, 2)]),
		villages: collection(
			[
				[100, 10],
				[101, 11],
				[102, 12]
			].map(([id, township]) => ({
				type: 'Feature',
				properties: { id, township_id: township },
				geometry: square
			}))
		) as unknown as VillageCollection,
		grids: collection(
			[
				[1000, 100],
				[1001, 102],
				[1002, 101]
			].map(([id, village]) => ({
				type: 'Feature',
				properties: { id, village_id: village },
				geometry: square
			}))
		) as unknown as GridCollection,
		stations: 'kept'
	};

	it("keeps the city's counties, townships, villages and grids and passes the rest", () => {
		const lishui = citiesOf(PROVINCE).find((c) => c.code === '3311')!;
		const city = placesOfCity(places, lishui);
		expect(city.counties.features.map((f) => f.properties.id)).toEqual([1, 3]);
		expect(city.townships.features.map((f) => f.properties.id)).toEqual([10, 11]);
		expect(city.villages.features.map((f) => f.properties.id)).toEqual([100, 101]);
		expect(city.grids.features.map((f) => f.properties.id)).toEqual([1000, 1002]);
		expect(city.stations).toBe('kept');
		expect(places.grids.features).toHaveLength(3);
	});

	it("keeps the posts within reach of the city's places, not every one in its box", () => {
		// two villages at the box's corners; a post between them, 30 km from either, is in the box
		const boxes: [number, number, number, number][] = [
			[119.0, 28.0, 119.1, 28.1],
			[119.9, 28.9, 120.0, 29.0]
		];
		const posts: [number, number][] = [
			[119.05, 28.05], // inside a village's box
			[119.15, 28.05], // ~5 km east of it
			[119.5, 28.5], // in the city's box, far from both
			[120.2, 29.2] // beyond the box, ~20 km from the second
		];
		expect(reachingInto(posts, boxes, 5)).toEqual([posts[0], posts[1]]);
		// a longer reach takes none more here; no places, no posts
		expect(reachingInto(posts, boxes, 10)).toEqual([posts[0], posts[1]]);
		expect(reachingInto(posts, [], 10)).toEqual([]);
		// at most one lattice cell (0.05°) beyond the reach: 15 km is never kept at 5 km
		expect(reachingInto([[119.26, 28.05]], boxes, 5)).toEqual([]);
	});
});
