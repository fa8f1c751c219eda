// The command wall's map layers, each from its own inputs: the wall derives them one by one, so a
// pulse frame or a new incident rebuilds only what it touches, and deck.gl skips layers whose
// props are the same objects as before. The data arrive in the basemap's coordinates already
// (GCJ-02 vendor tiles need them shifted).
import type { Layer } from '@deck.gl/core';
import { INCIDENT_POINT_ZOOM, incidentLayer } from '$lib/features/incidents/incident-layers';
import type { AreaClipper } from '$lib/geo/area-clipper';
import { placeLabelLayer, villageLayer } from '$lib/features/places/boundary-layers';
import type { IconAtlas } from '$lib/features/policing/icon-atlas';
import { stationLayers } from '$lib/features/policing/policing-layers';
import type { BasemapSetting } from '$lib/map/basemap-setting';
import { DAY_LABELS, NIGHT_LABELS, type LabelTheme } from '$lib/map/label-font';
import { underOutlines } from '$lib/map/native-outlines';
import type { IncidentColumns, LayerPayloads } from '$lib/types/layers';

/** The areas and places the wall draws under the live data. */
export type WallBase = Pick<LayerPayloads, 'counties' | 'townships' | 'villages' | 'stations' | 'posts'>;

/**
 * Village outlines only from this zoom: zoomed out they are a mesh the wall cannot read, and on a
 * city they cost a second per repaint on a software renderer.
 */
export const VILLAGE_OUTLINE_ZOOM = 10;
/** a day's few incidents read better as points than as faint hexbins */
const FEW_INCIDENTS = 400;

/** The villages, under the county and township outlines (boundaryOutlines, drawn by MapLibre). */
export function areaLayers(base: WallBase, zoom: number): Layer[] {
	return zoom >= VILLAGE_OUTLINE_ZOOM ? [underOutlines(villageLayer(base.villages, false))] : [];
}

/** The period's incidents, as points or as hexbins cut to the jurisdiction (jurisdictionClipper). */
export function densityLayer(incidents: IncidentColumns, zoom: number, within: AreaClipper | null): Layer {
	return incidentLayer(incidents, incidents.id.length < FEW_INCIDENTS ? INCIDENT_POINT_ZOOM : zoom, within);
}

/** The wall's own night style (also when a chosen basemap failed) takes light labels. */
export function labelTheme(basemap: { setting: BasemapSetting; failure: string | null }): LabelTheme {
	return basemap.setting.kind === 'offline' || basemap.failure !== null ? NIGHT_LABELS : DAY_LABELS;
}

export function policingLayers(
	base: WallBase,
	zoom: number,
	icons: IconAtlas | null,
	labels: LabelTheme
): Layer[] {
	return stationLayers({ stations: base.stations, posts: base.posts, zoom, icons, labels });
}

export function placeLabels(base: WallBase, zoom: number, labels: LabelTheme): Layer {
	return placeLabelLayer({
		villages: base.villages,
		townships: base.townships,
		counties: base.counties,
		zoom,
		labels
	});
}

/** The wall's layers, each group null or empty until it has data. */
export interface WallLayers {
	areas: Layer[];
	density: Layer;
	/** a campaign's grids and doors on the replayed day, while the replay is shown */
	replay: Layer[];
	policing: Layer[];
	officers: Layer | null;
	overdue: Layer;
	labels: Layer | null;
	/** the point being recorded */
	intake: Layer | null;
}

/** Bottom to top: areas under the incidents, people and rings over them, names and the picked point on top. */
export function stackWallLayers(l: WallLayers): Layer[] {
	const out: (Layer | null)[] = [
		...l.areas,
		l.density,
		...l.replay,
		...l.policing,
		l.officers,
		l.overdue,
		l.labels,
		l.intake
	];
	return out.filter((layer): layer is Layer => layer !== null);
}
