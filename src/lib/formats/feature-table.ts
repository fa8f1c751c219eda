// Features as a table (CSV, XLSX): their properties as columns, then where they are — a point's
// longitude and latitude, a polygon's inner point (a table cannot hold a shape; GeoJSON and
// Shapefile carry the geometry itself).
import { pointOnFeature } from '@turf/turf';
import type { Feature, Geometry } from 'geojson';
import type { CsvCell } from './csv.ts';

export type TableProps = Record<string, CsvCell | undefined>;

/** The header, and the rows made one at a time as they are written (a polygon's inner point takes time). */
export function featureTable(features: Feature<Geometry | null, TableProps>[]): {
	header: string[];
	rows: Iterable<CsvCell[]>;
} {
	const keys = new Set<string>();
	for (const f of features) for (const k of Object.keys(f.properties ?? {})) keys.add(k);
	return { header: [...keys, 'lon', 'lat'], rows: featureRows([...keys], features) };
}

const round = (n: number) => (Number.isFinite(n) ? Number(n.toFixed(7)) : null);

function* featureRows(
	keys: string[],
	features: Feature<Geometry | null, TableProps>[]
): Generator<CsvCell[]> {
	for (const f of features) {
		let at: number[] = [NaN, NaN];
		const g = f.geometry;
		if (g?.type === 'Point') at = g.coordinates;
		else if (g) {
			try {
				at = pointOnFeature(g as never).geometry.coordinates;
			} catch {
				// an empty or broken shape has no inner point: the cells stay empty
			}
		}
		yield [...keys.map((k) => f.properties?.[k] ?? null), round(at[0]), round(at[1])];
	}
}
