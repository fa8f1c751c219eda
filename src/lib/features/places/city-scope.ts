// What a page of a whole jurisdiction loads. A county's or a city's jurisdiction whole; a province
// (more than one city and past TILED_FROM_GRIDS grids) one city at a time, the one the link names
// (?city=3311). The planner's engine runs in the browser, where a city's ~6,000 grids take seconds
// and 60,000 do not; a new campaign's map and list of townships are a city's, not 2,000 townships.
import { citiesOf, type City } from '$lib/features/places/cities';
import { featuresBounds, type Bounds } from '$lib/map/feature-bounds';
import type { AreaCollection, GridCollection, MapSummary, VillageCollection } from '$lib/types/layers';
import { TILED_FROM_GRIDS } from '$lib/types/tiles';

export type CityScope =
	| { kind: 'whole' }
	/** one city: its counties, and the box its villages and grids are read in */
	| { kind: 'city'; city: City; cities: City[]; bbox: Bounds }
	/** too much at once: the user chooses a city first */
	| { kind: 'choose'; cities: City[] };

/** ~100 m: a box rounded to 5 decimals keeps the villages on its edge */
const PAD_DEG = 0.001;

export function cityScope(summary: MapSummary, counties: AreaCollection, cityCode: string | null): CityScope {
	const cities = citiesOf(counties);
	if (cities.length < 2 || summary.grids <= TILED_FROM_GRIDS) return { kind: 'whole' };
	const city = cities.find((c) => c.code === cityCode);
	if (!city) return { kind: 'choose', cities };
	const [w, s, e, n] = featuresBounds(city.counties)!;
	return { kind: 'city', city, cities, bbox: [w - PAD_DEG, s - PAD_DEG, e + PAD_DEG, n + PAD_DEG] };
}

/** The link that opens the page on a city: its settings stay; the view and the selection go. */
export function cityLink(current: URL, code: string): URL {
	const next = new URL(current);
	next.searchParams.set('city', code);
	for (const own of ['finding', 'z', 'c', 'sel']) next.searchParams.delete(own);
	return next;
}

/** Opens the current page on a city (a new load: new places, the view fitted to it). */
export function openCity(code: string): void {
	window.location.assign(cityLink(new URL(window.location.href), code));
}

/**
 * The city's own townships, villages and grids out of layers read in its box (which reaches into
 * the neighbouring cities), and its counties: the map draws the city chosen, not 8,000 villages.
 */
export function placesOfCity<
	P extends {
		counties: AreaCollection;
		townships: AreaCollection;
		villages: VillageCollection;
		grids: GridCollection;
	}
>(places: P, city: City): P {
	const counties = new Set(city.countyIds);
	const townships = places.townships.features.filter((t) => counties.has(t.properties.parent_id ?? -1));
	const townshipIds = new Set(townships.map((t) => t.properties.id));
	const villages = places.villages.features.filter((v) => townshipIds.has(v.properties.township_id));
	const villageIds = new Set(villages.map((v) => v.properties.id));
	const grids = places.grids.features.filter((g) => villageIds.has(g.properties.village_id));
	return {
		...places,
		counties: {
			...places.counties,
			features: places.counties.features.filter((c) => counties.has(c.properties.id))
		},
		townships: { ...places.townships, features: townships },
		villages: { ...places.villages, features: villages },
		grids: { ...places.grids, features: grids }
	};
}

/** ~5.5 km: the lattice the villages' boxes are marked on for reachingInto */
const CELL_DEG = 0.05;

/**
 * The posts and stations within about `km` of the places' boxes, on a 0.05° lattice (at most
 * one cell, ~5 km, more): those that reach into a city, not every one in the box it lies in.
 */
export function reachingInto<P extends readonly number[]>(points: P[], boxes: Bounds[], km: number): P[] {
	// a degree of longitude is shortest at the north of China's south-east (~30°N: 96 km)
	const margin = km / 96;
	const cell = (v: number) => Math.floor(v / CELL_DEG);
	const marked = new Set<number>();
	const key = (i: number, j: number) => i * 100_000 + j;
	for (const [w, s, e, n] of boxes)
		for (let i = cell(w - margin); i <= cell(e + margin); i++)
			for (let j = cell(s - margin); j <= cell(n + margin); j++) marked.add(key(i, j));
	return points.filter(([x, y]) => marked.has(key(cell(x), cell(y))));
}
