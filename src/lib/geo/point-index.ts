// Points by location (kdbush): which points lie within a distance of somewhere, measured on
// the sphere after a box search in degrees.
import KDBush from 'kdbush';
import { degreesFor, haversineM } from './distance.ts';
import type { LonLat } from './types.ts';

export class PointIndex {
	private readonly index: KDBush;

	constructor(readonly points: LonLat[]) {
		this.index = new KDBush(Math.max(1, points.length));
		for (const [x, y] of points) this.index.add(x, y);
		if (points.length === 0) this.index.add(0, 0);
		this.index.finish();
	}

	/** Indexes of the points within `metres` (inclusive) of p. */
	within(p: LonLat, metres: number): number[] {
		if (this.points.length === 0) return [];
		const { dLon, dLat } = degreesFor(metres * 1.001 + 1, p[1]);
		return this.index
			.range(p[0] - dLon, p[1] - dLat, p[0] + dLon, p[1] + dLat)
			.filter((i) => haversineM(p, this.points[i]) <= metres);
	}

	/** Indexes of the points inside a box in degrees. */
	inBox(minX: number, minY: number, maxX: number, maxY: number): number[] {
		if (this.points.length === 0) return [];
		return this.index.range(minX, minY, maxX, maxY);
	}
}
