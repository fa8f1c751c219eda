// The next doors to knock: the households not yet reached, nearest first from where the phone is.
import { haversineM } from '$lib/geo/distance';
import type { BlockHouseholds } from './campaign-types.ts';

export interface NearbyHousehold {
	index: number;
	distanceM: number;
}

/** The `n` nearest households still to visit (never knocked, nobody home or refused). */
export function nearestUnvisited(h: BlockHouseholds, at: [number, number], n: number): NearbyHousehold[] {
	const out: NearbyHousehold[] = [];
	for (let i = 0; i < h.id.length; i++) {
		if (h.state[i] === 'visited') continue;
		out.push({ index: i, distanceM: haversineM(at, [h.lon[i], h.lat[i]]) });
	}
	out.sort((a, b) => a.distanceM - b.distanceM || h.id[a.index] - h.id[b.index]);
	return out.slice(0, n);
}

/** How far from the door a visit was logged: fine, flagged (> 100 m) or red (> 300 m). */
export function distanceFlag(distanceM: number | null): 'ok' | 'far' | 'very_far' {
	if (distanceM === null || distanceM <= 100) return 'ok';
	return distanceM <= 300 ? 'far' : 'very_far';
}
