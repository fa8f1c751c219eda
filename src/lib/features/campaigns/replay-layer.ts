// The replay on the map. From afar each grid is filled by its share of doors visited by the day
// shown (the colours of 全部住户走访率); close up (from DOORS_FROM_ZOOM) the doors in view are
// drawn, coloured by their state that day. Drawing every door of a county's campaign each day
// is too slow without a graphics card (about 1.6 s a frame for 37,000 doors in Chromium's
// software renderer); the doors in view at street level are a few thousand at most. While it
// plays, the grid lines are left out: every new day redraws the map, and there the lines cost
// more than the rest of the frame (in that renderer 12 frames a second with them, 32 without).
import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import type { CampaignGrids } from './campaign-api.ts';
import { campaignGridLayer } from './campaign-layers.ts';
import type { Replay } from './campaign-replay.ts';
import { shareColour } from './visited-share-layer.ts';

export const DOORS_FROM_ZOOM = 14;

/** west, south, east, north in the basemap's coordinates */
export type Extent = [number, number, number, number];

/** lon, lat per household in the basemap's coordinates (`place` shifts a position for GCJ-02) */
export function replayPositions(
	replay: Replay,
	place: (p: [number, number]) => [number, number]
): Float64Array {
	const out = new Float64Array(replay.positions.length);
	for (let i = 0; i < replay.size; i++) {
		const [x, y] = place([replay.positions[2 * i], replay.positions[2 * i + 1]]);
		out[2 * i] = x;
		out[2 * i + 1] = y;
	}
	return out;
}

/** The indices of the doors within the extent, widened by half its size each way (a pan stays filled). */
export function doorsIn(positions: Float64Array, extent: Extent): Uint32Array {
	const [w, s, e, n] = extent;
	const dx = (e - w) / 2;
	const dy = (n - s) / 2;
	const out: number[] = [];
	for (let i = 0; i < positions.length / 2; i++) {
		const x = positions[2 * i];
		const y = positions[2 * i + 1];
		if (x >= w - dx && x <= e + dx && y >= s - dy && y <= n + dy) out.push(i);
	}
	return Uint32Array.from(out);
}

/** Each grid's share of doors visited by the day shown. */
export function replayGridFill(replay: Replay): Map<number, [number, number, number, number]> {
	const out = new Map<number, [number, number, number, number]>();
	replay.gridIds.forEach((id, g) => out.set(id, shareColour(replay.gridVisited[g] / replay.gridDoors[g])));
	return out;
}

/** The doors of `doors` (indices) coloured by their state on the day shown. */
export function doorsLayer(
	replay: Replay,
	positions: Float64Array,
	doors: Uint32Array,
	version: number
): ScatterplotLayer {
	const at = new Float64Array(doors.length * 2);
	const colours = new Uint8Array(doors.length * 4);
	doors.forEach((i, k) => {
		at[2 * k] = positions[2 * i];
		at[2 * k + 1] = positions[2 * i + 1];
		colours.set(replay.colours.subarray(4 * i, 4 * i + 4), 4 * k);
	});
	return new ScatterplotLayer({
		id: 'campaign-replay',
		// new arrays each day: deck.gl uploads an attribute again only when its array is a new one
		data: {
			length: doors.length,
			attributes: {
				getPosition: { value: at, size: 2 },
				getFillColor: { value: colours, size: 4, normalized: true }
			},
			version
		},
		radiusUnits: 'pixels',
		getRadius: 4,
		stroked: false
	});
}

/**
 * The replay's layers: the grids filled by share visited from afar (outlined unless playing);
 * close up, their outlines and the doors in view (`view` null: not placed yet, drawn from afar).
 */
export function replayLayers(
	replay: Replay,
	grids: CampaignGrids,
	positions: Float64Array,
	version: number,
	view: { extent: Extent; zoom: number } | null,
	playing: boolean
): Layer[] {
	if (!view || view.zoom < DOORS_FROM_ZOOM)
		return [campaignGridLayer(grids, replayGridFill(replay), `replay:${version}`, !playing)];
	return [
		campaignGridLayer(grids, new Map(), 'replay-outlines'),
		doorsLayer(replay, positions, doorsIn(positions, view.extent), version)
	];
}
