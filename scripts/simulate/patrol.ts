// Officers on patrol: each walks a bounded random path around their post, a step every tick,
// the way a positioning feed from patrol devices looks on the map.
import { distanceM, offset, type Pt } from '../demo/geometry.ts';
import type { Rng } from '../demo/random.ts';

/** how far from their post an officer patrols */
const RANGE_M = 1500;

export interface Patroller {
	id: number;
	home: Pt;
	at: Pt;
	heading: number;
}

export function patrollers(ids: number[], positions: Pt[]): Patroller[] {
	return ids.map((id, i) => ({ id, home: positions[i], at: positions[i], heading: 0 }));
}

/** Moves `share` of the officers one step (metres per step drawn around `stepM`). */
export function patrolStep(all: Patroller[], share: number, stepM: number, rng: Rng): Patroller[] {
	const moved: Patroller[] = [];
	for (const p of all) {
		if (!rng.chance(share)) continue;
		// keep going roughly the same way; turn back towards the post near the edge of the range
		p.heading += rng.range(-0.6, 0.6);
		if (distanceM(p.at, p.home) > RANGE_M) {
			p.heading = Math.atan2(p.home[1] - p.at[1], p.home[0] - p.at[0]) + rng.range(-0.3, 0.3);
		}
		const d = stepM * rng.range(0.5, 1.5);
		const next = offset(p.at, Math.cos(p.heading) * d, Math.sin(p.heading) * d);
		p.at = [Number(next[0].toFixed(6)), Number(next[1].toFixed(6))];
		moved.push(p);
	}
	return moved;
}
