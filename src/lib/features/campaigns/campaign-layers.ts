// The campaign page's grids, filled by the share of all or of vulnerable households visited, or
// by days since the last visit; and the field page's households, coloured by their state.
import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { CampaignGrids } from './campaign-api.ts';
import type { BlockHouseholds, VisitedShareColumns, HouseholdState } from './campaign-types.ts';
import { shareColour } from './visited-share-layer.ts';

/** visits (share of all or vulnerable households, days since), 走访后发案变化, or the replay */
export type FillMode = 'all' | 'vulnerable' | 'days' | 'impact' | 'replay';
export const FILL_MODES: FillMode[] = ['all', 'vulnerable', 'days', 'impact', 'replay'];

type Rgba = [number, number, number, number];

/** Days since the last visit: fresh (green) to a month or more (grey-brown); never = red. */
export function daysColour(days: number | null): Rgba {
	if (days === null) return [215, 48, 39, 200];
	const t = Math.min(1, days / 30);
	return [
		Math.round(22 + (120 - 22) * t),
		Math.round(163 + (110 - 163) * t),
		Math.round(74 + (90 - 74) * t),
		200
	];
}

export function gridFill(c: VisitedShareColumns | null, mode: FillMode): Map<number, Rgba> {
	const out = new Map<number, Rgba>();
	if (!c || mode === 'impact' || mode === 'replay') return out;
	c.grid_id.forEach((id, i) => {
		if (mode === 'days') out.set(id, daysColour(c.days_since[i]));
		else {
			const [num, den] =
				mode === 'all' ? [c.visited[i], c.households[i]] : [c.vulnerable_visited[i], c.vulnerable[i]];
			out.set(id, den > 0 ? shareColour(num / den) : [160, 160, 160, 120]);
		}
	});
	return out;
}

/** `outlined` false leaves out the grid lines (a replay playing: see replay-layer.ts) */
export function campaignGridLayer(
	grids: CampaignGrids,
	fill: Map<number, Rgba>,
	version: string,
	outlined = true
): GeoJsonLayer {
	return new GeoJsonLayer({
		id: 'campaign-grids',
		data: grids,
		filled: true,
		stroked: outlined,
		getFillColor: (f) => fill.get(f.properties.id) ?? [0, 0, 0, 0],
		getLineColor: [255, 255, 255, 200],
		lineWidthUnits: 'pixels',
		getLineWidth: 1,
		pickable: true,
		autoHighlight: true,
		highlightColor: [255, 255, 255, 90],
		updateTriggers: { getFillColor: version }
	});
}

export const STATE_COLOURS: Record<HouseholdState, Rgba> = {
	none: [148, 163, 184, 255],
	visited: [22, 163, 74, 255],
	nobody_home: [234, 179, 8, 255],
	refused: [220, 38, 38, 255]
};

export function householdLayer(
	h: BlockHouseholds,
	selected: number | null,
	version: number
): ScatterplotLayer<number> {
	return new ScatterplotLayer<number>({
		id: 'campaign-households',
		data: h.id.map((_, i) => i),
		getPosition: (i) => [h.lon[i], h.lat[i]],
		getFillColor: (i) => STATE_COLOURS[h.state[i]],
		getLineColor: (i) => (h.id[i] === selected ? [37, 99, 235, 255] : [255, 255, 255, 255]),
		getRadius: (i) => (h.id[i] === selected ? 9 : 4),
		radiusUnits: 'pixels',
		stroked: true,
		lineWidthUnits: 'pixels',
		getLineWidth: (i) => (h.id[i] === selected ? 3 : 1),
		pickable: true,
		updateTriggers: {
			getFillColor: version,
			getLineColor: [selected, version],
			getRadius: selected,
			getLineWidth: selected
		}
	});
}
