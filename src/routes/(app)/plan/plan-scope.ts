// What the planner analyses. A county's or a city's jurisdiction whole; a province (more than one
// city and past TILED_FROM_GRIDS grids) one city at a time, the one the link names (?city=3311):
// the engine runs in the browser, where a city's ~6,000 grids take seconds and 60,000 do not.
import { citiesOf, type City } from '$lib/features/places/cities';
import { featuresBounds, type Bounds } from '$lib/map/feature-bounds';
import type { AreaCollection, MapSummary } from '$lib/types/layers';
import { TILED_FROM_GRIDS } from '$lib/types/tiles';

export type PlanScope =
	| { kind: 'whole' }
	/** one city: its counties, and the box its villages and grids are read in */
	| { kind: 'city'; city: City; cities: City[]; bbox: Bounds }
	/** too much to analyse at once: the user chooses a city first */
	| { kind: 'choose'; cities: City[] };

/** ~100 m: a box rounded to 5 decimals keeps the villages on its edge */
const PAD_DEG = 0.001;

export function planScope(summary: MapSummary, counties: AreaCollection, cityCode: string | null): PlanScope {
	const cities = citiesOf(counties);
	if (cities.length < 2 || summary.grids <= TILED_FROM_GRIDS) return { kind: 'whole' };
	const city = cities.find((c) => c.code === cityCode);
	if (!city) return { kind: 'choose', cities };
	const [w, s, e, n] = featuresBounds(city.counties)!;
	return { kind: 'city', city, cities, bbox: [w - PAD_DEG, s - PAD_DEG, e + PAD_DEG, n + PAD_DEG] };
}

/** The link that opens the planner on a city: the sliders stay; the view and the finding go. */
export function cityLink(current: URL, code: string): URL {
	const next = new URL(current);
	next.searchParams.set('city', code);
	for (const own of ['finding', 'z', 'c', 'sel']) next.searchParams.delete(own);
	return next;
}
