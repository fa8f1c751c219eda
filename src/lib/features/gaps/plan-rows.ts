// Findings as the planner reads them: each with the village, township, county and station it
// belongs to (from the map layers), the geometry to draw and fit (the village's outline when the
// finding has none of its own), ranked by households affected, and filtered by kind and place.
import type { Finding, FindingKind } from '$lib/coverage/findings';
import type {
	AreaCollection,
	GridCollection,
	OfficerColumns,
	StationColumns,
	VillageCollection
} from '$lib/types/layers';
import type { MultiPolygon, Polygon } from 'geojson';

export interface PlacesIndex {
	villages: Map<number, { name: string; townshipId: number; stationId: number; geometry: MultiPolygon }>;
	grids: Map<number, { name: string; villageId: number }>;
	townships: Map<number, { name: string; countyId: number | null }>;
	counties: Map<number, string>;
	stations: Map<number, string>;
	officers: Map<number, { name: string; stationId: number }>;
}

export function placesIndex(layers: {
	counties: AreaCollection;
	townships: AreaCollection;
	villages: VillageCollection;
	grids: GridCollection;
	stations: StationColumns;
	officers: OfficerColumns;
}): PlacesIndex {
	const o = layers.officers;
	return {
		villages: new Map(
			layers.villages.features.map((f) => [
				f.properties.id,
				{
					name: f.properties.name,
					townshipId: f.properties.township_id,
					stationId: f.properties.station_id,
					geometry: f.geometry
				}
			])
		),
		grids: new Map(
			layers.grids.features.map((f) => [
				f.properties.id,
				{ name: f.properties.name, villageId: f.properties.village_id }
			])
		),
		townships: new Map(
			layers.townships.features.map((f) => [
				f.properties.id,
				{ name: f.properties.name, countyId: f.properties.parent_id }
			])
		),
		counties: new Map(layers.counties.features.map((f) => [f.properties.id, f.properties.name])),
		stations: new Map(layers.stations.id.map((id, i) => [id, layers.stations.name[i]])),
		officers: new Map(o.id.map((id, i) => [id, { name: o.name[i], stationId: o.station_id[i] }]))
	};
}

export interface PlanRow {
	id: string;
	kind: FindingKind;
	finding: Finding;
	/** what the finding is about: the grid, the village or the officer, by name */
	subject: string;
	village: string | null;
	township: string | null;
	county: string | null;
	station: string | null;
	villageId: number | null;
	townshipId: number | null;
	countyId: number | null;
	stationId: number | null;
	households: number;
	population: number;
	areaKm2: number | null;
	geometry: Polygon | MultiPolygon | null;
	/** what to outline and fit when selected: the village around a gap cut into pieces */
	outline: Polygon | MultiPolygon | null;
}

/** kinds whose geometry is the part of a village left over, often in many pieces */
const PIECEWISE: ReadonlySet<FindingKind> = new Set<FindingKind>([
	'village_outside_grids',
	'village_uncovered_grids',
	'reach_gap'
]);

function villageOf(f: Finding, places: PlacesIndex): number | null {
	if ('villageId' in f) return f.villageId;
	if (f.kind === 'officer_overloaded') return places.grids.get(f.gridIds[0])?.villageId ?? null;
	if (f.kind === 'invalid_input') {
		if (f.entity === 'village') return f.entityId;
		if (f.entity === 'grid') return places.grids.get(f.entityId)?.villageId ?? null;
	}
	return null;
}

function gridOf(f: Finding): number | null {
	if ('gridId' in f) return f.gridId;
	if (f.kind === 'invalid_input' && f.entity === 'grid') return f.entityId;
	return null;
}

function areal(g: Finding['geometry']): g is Polygon | MultiPolygon {
	return g !== null && (g.type === 'Polygon' || g.type === 'MultiPolygon');
}

export function planRow(f: Finding, places: PlacesIndex): PlanRow {
	const villageId = villageOf(f, places);
	const village = villageId === null ? undefined : places.villages.get(villageId);
	const township = village ? places.townships.get(village.townshipId) : undefined;
	const countyId = township?.countyId ?? null;
	const officer = f.kind === 'officer_overloaded' ? places.officers.get(f.officerId) : undefined;
	const stationId = officer?.stationId ?? village?.stationId ?? null;
	const gridId = gridOf(f);
	const geometry = areal(f.geometry) ? f.geometry : (village?.geometry ?? null);
	const grid = gridId === null ? undefined : places.grids.get(gridId);
	const subject =
		f.kind === 'officer_overloaded'
			? (officer?.name ?? `#${f.officerId}`)
			: grid
				? `${village?.name ?? ''} ${grid.name}`.trim()
				: (village?.name ?? (gridId !== null ? `#${gridId}` : f.id));
	return {
		id: f.id,
		kind: f.kind,
		finding: f,
		subject,
		village: village?.name ?? null,
		township: township?.name ?? null,
		county: countyId === null ? null : (places.counties.get(countyId) ?? null),
		station: stationId === null ? null : (places.stations.get(stationId) ?? null),
		villageId,
		townshipId: village?.townshipId ?? null,
		countyId,
		stationId,
		households: f.households,
		population: f.population,
		areaKm2: 'areaKm2' in f ? f.areaKm2 : null,
		geometry,
		outline: PIECEWISE.has(f.kind) && village ? village.geometry : geometry
	};
}

/** Most households affected first, then most residents, then by id (a stable order). */
export function rankRows(rows: PlanRow[]): PlanRow[] {
	return [...rows].sort(
		(a, b) =>
			b.households - a.households || b.population - a.population || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
	);
}

export interface PlanFilter {
	kind: FindingKind | null;
	countyId: number | null;
	townshipId: number | null;
	stationId: number | null;
}

export const NO_FILTER: PlanFilter = { kind: null, countyId: null, townshipId: null, stationId: null };

export function filterRows(rows: PlanRow[], filter: PlanFilter): PlanRow[] {
	return rows.filter(
		(r) =>
			(filter.kind === null || r.kind === filter.kind) &&
			(filter.countyId === null || r.countyId === filter.countyId) &&
			(filter.townshipId === null || r.townshipId === filter.townshipId) &&
			(filter.stationId === null || r.stationId === filter.stationId)
	);
}

/** How many rows of each kind, in the engine's order of kinds. */
export function countByKind(rows: PlanRow[]): Map<FindingKind, number> {
	const out = new Map<FindingKind, number>();
	for (const r of rows) out.set(r.kind, (out.get(r.kind) ?? 0) + 1);
	return out;
}

/** The places that have findings, for a filter's choices, sorted by name. */
export function placeChoices(pairs: [number | null, string | null][]): { id: number; name: string }[] {
	const seen = new Map<number, string>();
	for (const [id, name] of pairs) if (id !== null && name) seen.set(id, name);
	return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}
