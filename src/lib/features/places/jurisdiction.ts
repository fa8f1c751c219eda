// The counties the user's villages lie in, as one area. Incident hexbins are cut to it: a cell
// on the border otherwise spills into the next county, as if incidents happened there. Counties,
// not the villages themselves: a union of a city's 2,850 villages takes a second in the browser,
// one of its counties a few milliseconds.
import { AreaClipper } from '$lib/geo/area-clipper';
import { union } from '$lib/geo/overlay';
import type { Areal } from '$lib/geo/types';
import type { AreaCollection, VillageCollection } from '$lib/types/layers';

export interface PlaceLayers {
	villages: VillageCollection;
	townships: AreaCollection;
	counties: AreaCollection;
}

const clippers = new WeakMap<VillageCollection, AreaClipper | null>();

/** null while no village is loaded (nothing to cut to) */
export function jurisdictionClipper(places: PlaceLayers): AreaClipper | null {
	if (clippers.has(places.villages)) return clippers.get(places.villages) ?? null;
	const townships = new Set(places.villages.features.map((v) => v.properties.township_id));
	const counties = new Set(
		places.townships.features.filter((t) => townships.has(t.properties.id)).map((t) => t.properties.parent_id)
	);
	const areas: Areal[] = places.counties.features
		.filter((c) => counties.has(c.properties.id))
		.map((c) => c.geometry);
	const area = union(areas);
	const clipper = area ? new AreaClipper(area) : null;
	clippers.set(places.villages, clipper);
	return clipper;
}
