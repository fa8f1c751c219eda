// Points counted in a grid of hexagons of a fixed size in metres (pointy-top, axial coordinates).
// The grid is anchored at 0°, 0° and measured at one latitude, so a cell keeps its place and
// shape when points come and go: a clipped cell can be cached by its key.
import type { LonLat, Ring } from './types.ts';

const M_PER_DEG = 111_320;
const SQRT3 = Math.sqrt(3);

export interface HexCell {
	/** "q,r": the cell's place in the grid */
	key: string;
	centre: LonLat;
	/** the hexagon, closed, shrunk about its centre by the coverage */
	ring: Ring;
	count: number;
}

export interface HexGrid {
	radiusM: number;
	/** the latitude at which metres are measured (the data's middle) */
	latitude: number;
	/** drawn size against the cell's size (gaps between cells below 1) */
	coverage?: number;
}

export function hexbin(points: ArrayLike<LonLat>, grid: HexGrid): HexCell[] {
	const kx = M_PER_DEG * Math.cos((grid.latitude * Math.PI) / 180);
	const ky = M_PER_DEG;
	const s = grid.radiusM;
	const counts = new Map<string, { q: number; r: number; count: number }>();
	for (let i = 0; i < points.length; i++) {
		const [lon, lat] = points[i];
		const x = lon * kx;
		const y = lat * ky;
		const [q, r] = roundAxial(((SQRT3 / 3) * x - y / 3) / s, ((2 / 3) * y) / s);
		const key = `${q},${r}`;
		const cell = counts.get(key);
		if (cell) cell.count++;
		else counts.set(key, { q, r, count: 1 });
	}
	const size = s * (grid.coverage ?? 1);
	return [...counts].map(([key, { q, r, count }]) => {
		const cx = s * SQRT3 * (q + r / 2);
		const cy = s * 1.5 * r;
		const ring: Ring = [];
		for (let k = 0; k <= 6; k++) {
			const a = (Math.PI / 180) * (60 * (k % 6) - 30);
			ring.push([(cx + size * Math.cos(a)) / kx, (cy + size * Math.sin(a)) / ky]);
		}
		return { key, centre: [cx / kx, cy / ky], ring, count };
	});
}

/** the cell of fractional axial coordinates, by rounding in cube coordinates */
function roundAxial(q: number, r: number): [number, number] {
	const s = -q - r;
	let rq = Math.round(q);
	let rr = Math.round(r);
	const rs = Math.round(s);
	const dq = Math.abs(rq - q);
	const dr = Math.abs(rr - r);
	const ds = Math.abs(rs - s);
	if (dq > dr && dq > ds) rq = -rr - rs;
	else if (dr > ds) rr = -rq - rs;
	return [rq + 0, rr + 0];
}
