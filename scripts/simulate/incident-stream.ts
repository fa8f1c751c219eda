// New incidents as a day brings them: the rate follows the hour of the day and the categories
// their usual mix (the demo generator's profiles), placed near where past incidents happened.
import { INCIDENT_CATEGORIES, type IncidentCategory } from '../../src/lib/types/domain.ts';
import { CATEGORY_WEIGHTS, HOUR_PROFILE, SUMMARIES } from '../demo/incidents.ts';
import { offset, type Pt } from '../demo/geometry.ts';
import type { Rng } from '../demo/random.ts';

export interface DraftIncident {
	category: IncidentCategory;
	priority: 1 | 2 | 3;
	summary: string;
	lon: number;
	lat: number;
}

const HOUR_TOTAL = HOUR_PROFILE.reduce((a, b) => a + b, 0);

/** Expected incidents in `seconds` of simulated time at China hour `hour`, for `perDay` a day. */
export function expectedIncidents(perDay: number, hour: number, seconds: number): number {
	return ((perDay * HOUR_PROFILE[hour]) / HOUR_TOTAL) * (seconds / 3600);
}

/** A Poisson draw (Knuth; the means here are small). */
export function poisson(mean: number, rng: Rng): number {
	const limit = Math.exp(-mean);
	let k = 0;
	let p = rng.next();
	while (p > limit) {
		k++;
		p *= rng.next();
	}
	return k;
}

export function draftIncident(places: readonly Pt[], rng: Rng): DraftIncident {
	const category = INCIDENT_CATEGORIES[rng.weighted(INCIDENT_CATEGORIES.map((c) => CATEGORY_WEIGHTS[c]))];
	const near = rng.pick(places);
	const a = rng.range(0, 2 * Math.PI);
	const d = 80 * Math.sqrt(rng.next());
	const [lon, lat] = offset(near, Math.cos(a) * d, Math.sin(a) * d);
	return {
		category,
		priority: ([1, 2, 3] as const)[rng.weighted([10, 70, 20])],
		summary: rng.pick(SUMMARIES[category]),
		lon: Number(lon.toFixed(6)),
		lat: Number(lat.toFixed(6))
	};
}
