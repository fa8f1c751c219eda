// Which villages lie within reach of a police point (post or station). The planner's coverage
// finding is "villages farther than 3 km from every post and station", so the generator keeps
// a set of remote mountain villages out of reach on purpose, with a margin over the 3 km.
import Flatbush from 'flatbush';
import { distanceToShapeM, metreScale, type Pt } from './geometry.ts';
import type { VillagePlace } from './places.ts';

/** what the analysis counts as covered */
export const COVERAGE_M = 3000;
/** what the generator keeps clear around remote villages (the analysis measures on the spheroid) */
export const REMOTE_CLEARANCE_M = 3400;

/** Villages whose outline comes within a radius of a point. */
export class VillageReach {
	private readonly index: Flatbush;

	constructor(
		private readonly villages: VillagePlace[],
		private readonly radiusM: number
	) {
		this.index = new Flatbush(Math.max(1, villages.length));
		for (const v of villages) {
			const [kx, ky] = metreScale((v.bbox[1] + v.bbox[3]) / 2);
			// widen by the radius at the latitude where a degree of longitude is shortest
			const mx = (radiusM * 1.01) / (kx * 0.999);
			const my = (radiusM * 1.01) / ky;
			this.index.add(v.bbox[0] - mx, v.bbox[1] - my, v.bbox[2] + mx, v.bbox[3] + my);
		}
		if (villages.length === 0) this.index.add(0, 0, 0, 0);
		this.index.finish();
	}

	within(p: Pt): VillagePlace[] {
		return this.index
			.search(p[0], p[1], p[0], p[1])
			.map((i) => this.villages[i])
			.filter((v) => v !== undefined && distanceToShapeM(p, v.shape) < this.radiusM);
	}

	reaches(p: Pt): boolean {
		for (const i of this.index.search(p[0], p[1], p[0], p[1])) {
			const v = this.villages[i];
			if (v && distanceToShapeM(p, v.shape) < this.radiusM) return true;
		}
		return false;
	}
}
