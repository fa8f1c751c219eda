// Snapping a drawn point to the outlines already on the map (the village edge, the neighbouring
// grids), measured in screen pixels so it feels the same at every zoom. A corner within reach
// wins over a point along an edge: grids that share a corner then share it exactly, which the
// database's clip would otherwise leave as a sliver to tidy.
import type { Position } from 'geojson';

export interface ScreenPoint {
	x: number;
	y: number;
}

/** How far (in CSS pixels) a point reaches for an outline. */
export const SNAP_PIXELS = 12;

/**
 * The corner or edge point of `rings` nearest to `at` (screen pixels) within `reach`, in the
 * rings' coordinates; undefined when none is that close.
 */
export function snapToRings(
	at: ScreenPoint,
	rings: readonly Position[][],
	project: (lng: number, lat: number) => ScreenPoint,
	reach = SNAP_PIXELS
): Position | undefined {
	let corner: Position | undefined;
	let cornerDistance = reach;
	let edge: Position | undefined;
	let edgeDistance = reach;
	for (const ring of rings) {
		let prev: ScreenPoint | null = null;
		for (let i = 0; i < ring.length; i++) {
			const here = project(ring[i][0], ring[i][1]);
			const d = Math.hypot(here.x - at.x, here.y - at.y);
			if (d <= cornerDistance) {
				cornerDistance = d;
				corner = [ring[i][0], ring[i][1]];
			}
			if (prev) {
				const dx = here.x - prev.x;
				const dy = here.y - prev.y;
				const length2 = dx * dx + dy * dy;
				if (length2 > 0) {
					const t = Math.max(0, Math.min(1, ((at.x - prev.x) * dx + (at.y - prev.y) * dy) / length2));
					const e = Math.hypot(prev.x + t * dx - at.x, prev.y + t * dy - at.y);
					if (e < edgeDistance) {
						edgeDistance = e;
						// linear along the segment: on screen and in degrees alike at a village's size
						const a = ring[i - 1];
						const b = ring[i];
						edge = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
					}
				}
			}
			prev = here;
		}
	}
	return corner ?? edge;
}
