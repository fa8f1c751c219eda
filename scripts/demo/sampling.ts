// Random points inside shapes: uniform, weighted by the density field, or spread out (seeds of
// the next level of the tessellation).
import type { DensityField } from './density.ts';
import {
	areaKm2,
	bboxOf,
	distanceToBoundaryDeg,
	metreScale,
	pointInMulti,
	type BBox,
	type Multi,
	type Pt
} from './geometry.ts';
import type { Rng } from './random.ts';

/** Points this close to an edge (deg, about a centimetre) are drawn again. */
export const EDGE_CLEARANCE_DEG = 1e-7;

/** A point inside the shape that does not depend on randomness: the middle of the widest
 * horizontal chord through the middle of its largest part. */
export function pointOnSurface(shape: Multi): Pt {
	let best: Pt | null = null;
	let bestWidth = -1;
	for (const poly of shape) {
		const ys = poly[0].map((p) => p[1]);
		const y0 = Math.min(...ys);
		const y1 = Math.max(...ys);
		for (const f of [0.5, 0.37, 0.63, 0.21, 0.79]) {
			const y = y0 + (y1 - y0) * f;
			const xs: number[] = [];
			for (const ring of poly) {
				for (let i = 0; i < ring.length - 1; i++) {
					const [ax, ay] = ring[i];
					const [bx, by] = ring[i + 1];
					if (ay > y !== by > y) xs.push(ax + ((y - ay) * (bx - ax)) / (by - ay));
				}
			}
			xs.sort((a, b) => a - b);
			for (let i = 0; i + 1 < xs.length; i += 2) {
				const w = xs[i + 1] - xs[i];
				if (w > bestWidth) {
					bestWidth = w;
					best = [(xs[i] + xs[i + 1]) / 2, y];
				}
			}
		}
	}
	return best ?? shape[0][0][0];
}

/** Uniform inside the shape and clear of its edges. */
export function uniformPointIn(rng: Rng, shape: Multi, box: BBox = bboxOf(shape)): Pt {
	for (let i = 0; i < 20_000; i++) {
		const p: Pt = [rng.range(box[0], box[2]), rng.range(box[1], box[3])];
		if (pointInMulti(p, shape) && distanceToBoundaryDeg(p, shape) > EDGE_CLEARANCE_DEG) return p;
	}
	return pointOnSurface(shape);
}

/** Inside the shape with probability proportional to density^exponent. */
export function densePointIn(
	rng: Rng,
	shape: Multi,
	field: DensityField,
	exponent: number,
	box: BBox = bboxOf(shape),
	max = field.maxIn(box) ** exponent
): Pt {
	for (let i = 0; i < 20_000; i++) {
		const p: Pt = [rng.range(box[0], box[2]), rng.range(box[1], box[3])];
		if (!pointInMulti(p, shape)) continue;
		if (rng.next() * max > field.at(p) ** exponent) continue;
		if (distanceToBoundaryDeg(p, shape) > EDGE_CLEARANCE_DEG) return p;
	}
	return uniformPointIn(rng, shape, box);
}

/**
 * n seeds spread like a blue-noise pattern whose spacing shrinks where the density is high
 * (best of a few candidates, scored by distance to the seeds so far scaled by local spacing).
 */
export function spreadSeeds(
	rng: Rng,
	shape: Multi,
	n: number,
	field: DensityField,
	exponent: number,
	fixed: Pt[] = []
): Pt[] {
	const box = bboxOf(shape);
	const max = field.maxIn(box) ** exponent;
	const [kx, ky] = metreScale((box[1] + box[3]) / 2);
	const seeds = fixed.slice(0, n);
	while (seeds.length < n) {
		let best: Pt | null = null;
		let bestScore = -1;
		for (let c = 0; c < 5; c++) {
			const p = densePointIn(rng, shape, field, exponent, box, max);
			let nearest = Infinity;
			for (const s of seeds) {
				const dx = (p[0] - s[0]) * kx;
				const dy = (p[1] - s[1]) * ky;
				const d = dx * dx + dy * dy;
				if (d < nearest) nearest = d;
			}
			const score = Math.sqrt(nearest) * field.at(p) ** (exponent / 2);
			if (score > bestScore) {
				bestScore = score;
				best = p;
			}
		}
		seeds.push(best as Pt);
	}
	return seeds;
}

/** Mean of density^exponent over the shape times its area (Monte Carlo). */
export function integrate(
	rng: Rng,
	shape: Multi,
	field: DensityField,
	exponent: number,
	samples: number
): number {
	const box = bboxOf(shape);
	let sum = 0;
	for (let i = 0; i < samples; i++) sum += field.at(uniformPointIn(rng, shape, box)) ** exponent;
	return (sum / samples) * areaKm2(shape);
}
