// Where people live: a base rural density plus gaussian peaks at the county seat and township
// seats. Villages are seeded more densely where it is high (smaller villages in town) and
// households follow it, so the map has an urban core and thin mountain villages.
import { bboxesOverlap, metreScale, type BBox, type Pt } from './geometry.ts';

export interface Peak {
	at: Pt;
	/** height above the rural base of 1 */
	weight: number;
	sigmaKm: number;
}

export class DensityField {
	constructor(readonly peaks: Peak[]) {}

	at(p: Pt): number {
		const [kx, ky] = metreScale(p[1]);
		let d = 1;
		for (const pk of this.peaks) {
			const dx = ((p[0] - pk.at[0]) * kx) / 1000;
			const dy = ((p[1] - pk.at[1]) * ky) / 1000;
			const s2 = pk.sigmaKm * pk.sigmaKm;
			const r2 = dx * dx + dy * dy;
			if (r2 < 25 * s2) d += pk.weight * Math.exp(-r2 / (2 * s2));
		}
		return d;
	}

	/** An upper bound of the field over a box (for rejection sampling). */
	maxIn(box: BBox): number {
		let d = 1;
		for (const pk of this.peaks) {
			const [kx, ky] = metreScale(pk.at[1]);
			const mx = (5 * pk.sigmaKm * 1000) / kx;
			const my = (5 * pk.sigmaKm * 1000) / ky;
			if (bboxesOverlap(box, [pk.at[0] - mx, pk.at[1] - my, pk.at[0] + mx, pk.at[1] + my])) d += pk.weight;
		}
		return d;
	}
}
