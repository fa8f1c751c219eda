// What the map endpoints return. Polygons are GeoJSON; point layers are columns (one array per
// field, index i across arrays = one feature) because they are smaller and feed deck.gl directly.
import type { FeatureCollection, MultiPolygon } from 'geojson';
import type { IncidentCategory, IncidentStatus, OfficerKind, PostKind, VillageKind } from './domain.ts';

export const POLYGON_LAYERS = ['counties', 'townships', 'villages', 'grids'] as const;
export const POINT_LAYERS = ['stations', 'posts', 'officers', 'incidents', 'households'] as const;
export const MAP_LAYERS = [...POLYGON_LAYERS, ...POINT_LAYERS] as const;
export type MapLayerName = (typeof MAP_LAYERS)[number];

export type LonLat = [number, number];

export interface AreaProps {
	id: number;
	name: string;
	code: string;
	/** county of a township; null for counties */
	parent_id: number | null;
}
export type AreaCollection = FeatureCollection<MultiPolygon, AreaProps>;

export interface VillageProps {
	id: number;
	name: string;
	code: string;
	kind: VillageKind;
	township_id: number;
	township: string;
	station_id: number;
	population: number;
	households: number;
	grids: number;
	grids_assigned: number;
	/** active police assistants (警务助理) */
	assistants: number;
	incidents_30d: number;
	/** a point inside the village for its name label */
	label: LonLat;
}
export type VillageCollection = FeatureCollection<MultiPolygon, VillageProps>;

export interface GridProps {
	id: number;
	name: string;
	code: string;
	village_id: number;
	/** the active primary officer (一格一警); null = unassigned */
	officer_id: number | null;
	officer: string | null;
	households: number;
	incidents_30d: number;
	/** share of households visited by the current campaign; null = grid outside the campaign */
	visited_share: number | null;
}
export type GridCollection = FeatureCollection<MultiPolygon, GridProps>;

export interface StationColumns {
	id: number[];
	name: string[];
	position: LonLat[];
}
export interface PostColumns {
	id: number[];
	name: string[];
	kind: PostKind[];
	station_id: number[];
	position: LonLat[];
}
export interface OfficerColumns {
	id: number[];
	name: string[];
	kind: OfficerKind[];
	station_id: number[];
	position: LonLat[];
}
export interface IncidentColumns {
	id: number[];
	category: IncidentCategory[];
	status: IncidentStatus[];
	/** epoch seconds */
	time: number[];
	position: LonLat[];
}
export interface HouseholdColumns {
	id: number[];
	/** visited by the current campaign */
	visited: boolean[];
	/** elderly living alone or past fraud victim */
	vulnerable: boolean[];
	position: LonLat[];
}

export interface LayerPayloads {
	counties: AreaCollection;
	townships: AreaCollection;
	villages: VillageCollection;
	grids: GridCollection;
	stations: StationColumns;
	posts: PostColumns;
	officers: OfficerColumns;
	incidents: IncidentColumns;
	households: HouseholdColumns;
}

export interface MapSummary {
	counties: number;
	villages: number;
	grids: number;
	grids_assigned: number;
	households: number;
	officers: number;
	assistants: number;
	incidents_30d: number;
	campaign: { id: number; name: string; target_share: number; households: number; visited: number } | null;
	/** [west, south, east, north] of the data */
	bbox: [number, number, number, number];
}

export interface OfficerOnGrid {
	id: number;
	name: string;
	kind: OfficerKind;
	role: 'primary' | 'helper';
	since: string;
}

export interface GridFacts {
	id: number;
	name: string;
	code: string;
	village_id: number;
	village: string;
	township: string;
	station: string;
	households: number;
	residents: number;
	vulnerable: number;
	incidents_month: number;
	visited_share: number | null;
	area_km2: number;
	/** [west, south, east, north] */
	bbox: [number, number, number, number];
	officers: OfficerOnGrid[];
	history: { name: string; role: 'primary' | 'helper'; from: string; to: string }[];
}

export interface VillageFacts {
	id: number;
	name: string;
	code: string;
	kind: VillageKind;
	township: string;
	station: string;
	population: number;
	households: number;
	grids: number;
	grids_assigned: number;
	incidents_month: number;
	visited_share: number | null;
	assistants: string[];
	area_km2: number;
	/** [west, south, east, north] */
	bbox: [number, number, number, number];
}
