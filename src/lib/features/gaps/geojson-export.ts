// Findings as a GeoJSON FeatureCollection (RFC 7946, lon-lat) for a desktop GIS: the finding's
// own geometry, or its village's outline when it has none, with the list's columns as properties.
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { kindKey, reasonKey, type Translate } from './labels.ts';
import type { PlanRow } from './plan-rows.ts';

export interface ExportProps {
	rank: number;
	id: string;
	kind: string;
	kind_label: string;
	reason: string;
	reason_label: string;
	subject: string;
	county: string | null;
	township: string | null;
	village: string | null;
	station: string | null;
	households: number;
	population: number;
	area_km2: number | null;
}

export function findingsGeoJson(
	rows: PlanRow[],
	t: Translate
): FeatureCollection<Geometry | null, ExportProps> {
	return {
		type: 'FeatureCollection',
		features: rows.map((r, i): Feature<Geometry | null, ExportProps> => ({
			type: 'Feature',
			id: r.id,
			geometry: r.geometry ?? r.finding.geometry,
			properties: {
				rank: i + 1,
				id: r.id,
				kind: r.kind,
				kind_label: t(kindKey(r.kind)),
				reason: r.finding.reason,
				reason_label: t(reasonKey(r.finding.reason)),
				subject: r.subject,
				county: r.county,
				township: r.township,
				village: r.village,
				station: r.station,
				households: r.households,
				population: r.population,
				area_km2: r.areaKm2 === null ? null : Number(r.areaKm2.toFixed(4))
			}
		}))
	};
}
