// The overview map's switchable layers, their legend and their tooltips: what the page assembles
// from the features. Kept apart from the component so the page stays about layout and state.
import type { PickingInfo } from '@deck.gl/core';
import { GRID_ASSIGNED, GRID_UNASSIGNED } from '$lib/features/assignments/grid-layer';
import { SHARE_STOPS } from '$lib/features/campaigns/visited-share-layer';
import { CATEGORY_COLOURS, DENSITY_RAMP, OFFICER_COLOURS } from '$lib/ui/palette';
import { OFFICER_SHAPES } from '$lib/ui/marker-shape';
import { townshipTint } from '$lib/features/places/boundary-layers';
import { POST_ICONS, STATION_ICON } from '$lib/features/policing/icons';
import type { MessageKey, MessageParams } from '$lib/i18n/translate';
import { cssColour } from '$lib/map/css-colour';
import { INCIDENT_CATEGORIES, OFFICER_KINDS } from '$lib/types/domain';
import type { GridProps, LayerPayloads, VillageProps } from '$lib/types/layers';
import type { VillageTileProps } from '$lib/types/tiles';
import type { LegendItem } from '$lib/ui/legend-item';
import { tiledGridProps, tiledVillageProps, type VillageFigures } from './overview-tiles';

export const OVERVIEW_LAYERS = [
	'villages',
	'grids',
	'campaign',
	'officers',
	'stations',
	'incidents'
] as const;
export type OverviewLayer = (typeof OVERVIEW_LAYERS)[number];
export const DEFAULT_LAYERS: OverviewLayer[] = ['villages', 'grids', 'officers', 'stations', 'incidents'];

export const SELECTABLE = ['grid', 'village'] as const;

export type OverviewData = Pick<
	LayerPayloads,
	'counties' | 'townships' | 'villages' | 'grids' | 'stations' | 'posts' | 'officers' | 'incidents'
> & {
	/** villages and grids come as tiles: `villages` is empty, `grids` holds states, no outlines */
	tiled?: boolean;
};

/** What explains a tiled grid or village: the grids' states and each village's figures by id. */
export interface TiledLookups {
	grids: ReadonlyMap<number, GridProps>;
	villages: ReadonlyMap<number, VillageFigures>;
}

/**
 * The layers' shape without their data: the map is handed these layers before the data arrives,
 * so deck.gl adds them to MapLibre's style while the map is still cheap to draw. Added with the
 * data instead, the style change would make MapLibre paint the first full frame twice.
 */
export const EMPTY_OVERVIEW: OverviewData = {
	counties: { type: 'FeatureCollection', features: [] },
	townships: { type: 'FeatureCollection', features: [] },
	villages: { type: 'FeatureCollection', features: [] },
	grids: { type: 'FeatureCollection', features: [] },
	stations: { id: [], name: [], position: [] },
	posts: { id: [], name: [], kind: [], station_id: [], position: [] },
	officers: { id: [], name: [], kind: [], station_id: [], position: [] },
	incidents: { id: [], category: [], status: [], time: [], position: [] }
};

type T = (key: MessageKey, params?: MessageParams) => string;

export function layerChoices(t: T): { id: OverviewLayer; label: string; swatch: string }[] {
	const swatch: Record<OverviewLayer, string> = {
		villages: cssColour(townshipTint(1, 255)),
		grids: cssColour(GRID_ASSIGNED.slice(0, 3)),
		campaign: cssColour(SHARE_STOPS[2]),
		officers: cssColour(OFFICER_COLOURS.police),
		stations: '#0b3d91',
		incidents: cssColour(DENSITY_RAMP[4])
	};
	return OVERVIEW_LAYERS.map((id) => ({ id, label: t(`layers.${id}`), swatch: swatch[id] }));
}

/** `zoomedIn`: incidents as points; `townships`: their outlines are drawn at this zoom */
export function legendItems(
	enabled: readonly OverviewLayer[],
	zoomedIn: boolean,
	t: T,
	townships = true
): LegendItem[] {
	const items: LegendItem[] = [{ kind: 'line', label: t('legend.county'), colour: '#334155', width: 3 }];
	if (townships) items.push({ kind: 'line', label: t('legend.township'), colour: '#5c6676', width: 2 });
	if (enabled.includes('villages'))
		items.push({ kind: 'line', label: t('legend.village'), colour: '#6e7682', width: 1 });
	if (enabled.includes('grids')) {
		items.push(
			{ kind: 'fill', label: t('legend.grid_assigned'), colour: cssColour(GRID_ASSIGNED) },
			{ kind: 'fill', label: t('legend.grid_unassigned'), colour: cssColour(GRID_UNASSIGNED) }
		);
	}
	if (enabled.includes('campaign')) {
		items.push({
			kind: 'ramp',
			label: t('legend.visited_share'),
			colours: SHARE_STOPS.map((c) => cssColour(c)),
			low: '0%',
			high: '100%'
		});
	}
	if (enabled.includes('stations')) {
		items.push(
			{ kind: 'icon', label: t('legend.station'), src: STATION_ICON.url },
			{ kind: 'icon', label: t('legend.post'), src: POST_ICONS.office.url }
		);
	}
	if (enabled.includes('officers')) {
		for (const kind of OFFICER_KINDS)
			items.push({
				kind: 'dot',
				label: t(`officer.${kind}`),
				colour: cssColour(OFFICER_COLOURS[kind]),
				shape: OFFICER_SHAPES[kind]
			});
	}
	if (enabled.includes('incidents')) {
		if (zoomedIn) {
			for (const c of INCIDENT_CATEGORIES)
				items.push({ kind: 'dot', label: t(`incident.${c}`), colour: cssColour(CATEGORY_COLOURS[c]) });
		} else {
			items.push({
				kind: 'ramp',
				label: t('legend.incident_density'),
				colours: DENSITY_RAMP.map((c) => cssColour(c)),
				low: t('legend.few'),
				high: t('legend.many')
			});
		}
	}
	return items;
}

export interface TooltipContent {
	title: string;
	lines: string[];
}

/** What the pointer is over, in words; null when it is over nothing we explain. */
export function tooltipFor(
	info: PickingInfo,
	data: OverviewData,
	t: T,
	fmt: { num: (n: number) => string; pct: (n: number) => string; time: (s: number) => string },
	tiles?: TiledLookups
): TooltipContent | null {
	const id = info.layer?.id;
	const i = info.index;
	if (!id || i < 0) return null;
	const hint = t('tooltip.click_for_facts');
	switch (id) {
		case 'grids':
		case 'campaign': {
			const raw = (info.object as { properties: GridProps }).properties;
			const p = tiles ? tiledGridProps(raw, tiles.grids) : raw;
			if (!p) return null;
			return {
				title: p.name,
				lines: [
					p.officer_id === null
						? t('tooltip.grid_no_officer')
						: // a name the map is still reading (overview-live.ts)
							t('tooltip.grid_officer', { name: p.officer ?? t('panel.loading') }),
					t('tooltip.households', { n: fmt.num(p.households) }),
					...(p.visited_share === null
						? []
						: [t('tooltip.visited_share', { share: fmt.pct(p.visited_share) })]),
					hint
				]
			};
		}
		case 'villages': {
			const raw = (info.object as { properties: VillageProps & VillageTileProps }).properties;
			const p = tiles ? tiledVillageProps(raw, data.townships, tiles.villages) : raw;
			return {
				title: p.name,
				lines: [
					`${t(`village.${p.kind}`)} · ${p.township}`,
					t('tooltip.village_grids', { assigned: p.grids_assigned, total: p.grids }),
					t('tooltip.households', { n: fmt.num(p.households) }),
					hint
				]
			};
		}
		case 'officers':
			return { title: data.officers.name[i], lines: [t(`officer.${data.officers.kind[i]}`)] };
		case 'stations':
			return { title: data.stations.name[i], lines: [t('legend.station')] };
		case 'posts':
			return { title: data.posts.name[i], lines: [t(`post.${data.posts.kind[i]}`)] };
		case 'incident-points':
			return {
				title: t(`incident.${data.incidents.category[i]}`),
				lines: [fmt.time(data.incidents.time[i]), t(`status.${data.incidents.status[i]}`)]
			};
		case 'incident-hexbins': {
			const count = (info.object as { count?: number } | null)?.count ?? 0;
			return { title: t('layers.incidents'), lines: [t('tooltip.incidents_here', { n: fmt.num(count) })] };
		}
		default:
			return null;
	}
}
