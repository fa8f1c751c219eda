// map.tile: the server's time per vector tile over a scripted pan and zoom, as the command room
// (the whole jurisdiction) asks for them: from the zoom that fits the jurisdiction to the tiler's
// last zoom, three 1920×1080 views along its diagonal at each zoom, villages and grids from the
// zoom the map draws them at (TILE_MIN_ZOOM). Timed
// from our request to the last byte, on the same machine (no network in it). The first pass
// meets empty caches; the note gives the second, served from them.
import { latAt, lonAt, mercatorX, mercatorY, tilesCovering } from '../../src/lib/geo/tile-coordinates.ts';
import type { DemoScale } from '../../src/lib/types/domain.ts';
import type { MapSummary } from '../../src/lib/types/layers.ts';
import { TILE_MAX_ZOOM, TILE_MIN_ZOOM, TILED_LAYERS } from '../../src/lib/types/tiles.ts';
import { ApiSession } from '../simulate/api-session.ts';
import { median, quantile } from './stats.ts';
import type { BenchResult } from './result.ts';

/** A 1920×1080 view in 512-pixel tiles (MapLibre's vector tiles): its half-size in tiles. */
const HALF_VIEW = { x: 1920 / 512 / 2, y: 1080 / 512 / 2 };

/** The tile addresses of the scripted pan and zoom, in the order a map would ask for them. */
export function scriptedTiles(bbox: [number, number, number, number]): string[] {
	const [w, s, e, n] = bbox;
	const span = Math.max(mercatorX(e) - mercatorX(w), mercatorY(s) - mercatorY(n));
	const fit = Math.max(0, Math.min(TILE_MAX_ZOOM, Math.floor(Math.log2((2 * HALF_VIEW.y) / span))));
	const out: string[] = [];
	for (let z = fit; z <= TILE_MAX_ZOOM; z++) {
		const side = 2 ** z;
		for (const f of [0.25, 0.5, 0.75]) {
			const cx = mercatorX(w + (e - w) * f) * side;
			const cy = mercatorY(n - (n - s) * f) * side;
			const view: [number, number, number, number] = [
				lonAt((cx - HALF_VIEW.x) / side),
				latAt((cy + HALF_VIEW.y) / side),
				lonAt((cx + HALF_VIEW.x) / side),
				latAt((cy - HALF_VIEW.y) / side)
			];
			for (const t of tilesCovering(view, z))
				for (const layer of TILED_LAYERS)
					// as the map asks: a layer's tiles only from the zoom it is drawn at
					if (z >= TILE_MIN_ZOOM[layer]) out.push(`/api/tiles/${layer}/${t.z}/${t.x}/${t.y}`);
		}
	}
	return [...new Set(out)];
}

async function pass(session: ApiSession, paths: string[]): Promise<{ ms: number[]; bytes: number }> {
	const ms: number[] = [];
	let bytes = 0;
	for (const path of paths) {
		const t0 = performance.now();
		const { body } = await session.bytes(path);
		ms.push(performance.now() - t0);
		bytes += body.length;
	}
	return { ms, bytes };
}

export async function benchTiles(
	url: string,
	scale: DemoScale,
	log: (line: string) => void
): Promise<BenchResult> {
	const session = await ApiSession.signIn(url, 'command@demo.local');
	const summary = await session.request<MapSummary>('GET', '/api/summary');
	const paths = scriptedTiles(summary.bbox);
	log(`map.tile: ${paths.length} tiles …`);
	const cold = await pass(session, paths);
	const warm = await pass(session, paths);
	const round = (n: number) => Math.round(n * 10) / 10;
	return {
		name: 'map.tile',
		scale,
		value: round(median(cold.ms)),
		unit: 'ms',
		p95: round(quantile(cold.ms, 0.95)),
		runs: cold.ms.length,
		note:
			`${paths.length} tiles (villages from z${TILE_MIN_ZOOM.villages}, grids from z${TILE_MIN_ZOOM.grids}, to z${TILE_MAX_ZOOM}), ` +
			`${Math.round(cold.bytes / 1024)} KiB; slowest ${Math.round(Math.max(...cold.ms))} ms; ` +
			`from the cache: median ${round(median(warm.ms))} ms, p95 ${round(quantile(warm.ms, 0.95))} ms; target p95 ≤ 150 ms at province`
	};
}
