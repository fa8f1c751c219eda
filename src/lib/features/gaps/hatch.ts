// Diagonal hatching clipped to polygons, for deck.gl's PathLayer (the FillStyleExtension of
// @deck.gl/extensions is not part of the project). Lines run at 45° on screen: longitude is
// scaled by cos(latitude) first. Each line is cut by every ring edge; sorted along the line, the
// crossings pair up into the pieces inside (even-odd, so holes stay empty). Linear in the edges.
import type { MultiPolygon, Polygon } from 'geojson';

export type Segment = [[number, number], [number, number]];

const METRES_PER_DEGREE = 111_320;

/** Spacing in metres that keeps about `pixels` between lines at this zoom and latitude. */
export function hatchSpacingM(zoom: number, latitude: number, pixels = 9): number {
	const metresPerPixel = (156_543.03 * Math.cos((latitude * Math.PI) / 180)) / 2 ** zoom;
	return pixels * metresPerPixel;
}

export function hatchLines(geometry: Polygon | MultiPolygon, spacingM: number): Segment[] {
	const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
	const out: Segment[] = [];
	// one scale for the whole geometry, so lines run on across the pieces of a multipolygon
	const first = polygons[0]?.[0] ?? [];
	let lat0 = 0;
	for (const p of first) lat0 += p[1];
	const k = Math.cos(((first.length ? lat0 / first.length : 0) * Math.PI) / 180);
	for (const rings of polygons) {
		const outer = rings[0];
		if (!outer || outer.length < 4) continue;
		// u = x' + y is constant along a line; lines c apart in u are c/√2 apart on the ground
		const step = (spacingM / METRES_PER_DEGREE) * Math.SQRT2;
		const buckets = new Map<number, { v: number; p: [number, number] }[]>();
		for (const ring of rings) {
			for (let i = 0; i + 1 < ring.length; i++) {
				const [ax, ay] = ring[i];
				const [bx, by] = ring[i + 1];
				const ua = ax * k + ay;
				const ub = bx * k + by;
				if (ua === ub) continue;
				const lo = Math.min(ua, ub);
				const hi = Math.max(ua, ub);
				// half-open [lo, hi): a vertex on a line counts once for the two edges meeting there
				for (let n = Math.ceil(lo / step); n * step < hi; n++) {
					const t = (n * step - ua) / (ub - ua);
					const x = ax + t * (bx - ax);
					const y = ay + t * (by - ay);
					let list = buckets.get(n);
					if (!list) buckets.set(n, (list = []));
					list.push({ v: x * k - y, p: [x, y] });
				}
			}
		}
		for (const list of buckets.values()) {
			list.sort((a, b) => a.v - b.v);
			for (let i = 0; i + 1 < list.length; i += 2) out.push([list[i].p, list[i + 1].p]);
		}
	}
	return out;
}
