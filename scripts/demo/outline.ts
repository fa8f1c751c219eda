// The real city outlines of Zhejiang (supabase/seed/zhejiang-cities.geojson). The source rings
// repeat vertices and a few cross themselves, so each outline is rebuilt once by an exact
// intersection with its bounding box, which yields valid simple rings.
import { readFileSync } from 'node:fs';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { bboxOf, type Multi, type Pt } from './geometry.ts';
import { intersectShapes, tidyShape } from './tessellation.ts';

export interface CityOutline {
	name: string;
	adcode: string;
	shape: Multi;
}

export const LISHUI_ADCODE = '331100';

type Source = FeatureCollection<Polygon | MultiPolygon, { name: string; adcode: string | number }>;

let source: Source | null = null;
const cleaned = new Map<string, CityOutline>();

function readSource(): Source {
	source ??= JSON.parse(
		readFileSync(new URL('../../supabase/seed/zhejiang-cities.geojson', import.meta.url), 'utf8')
	) as Source;
	return source;
}

export function loadCityOutline(adcode: string): CityOutline {
	const hit = cleaned.get(adcode);
	if (hit) return hit;
	const f = readSource().features.find((x) => String(x.properties.adcode) === adcode);
	if (!f) throw new Error(`no outline for city ${adcode}`);
	const polys = (
		f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates
	) as Pt[][][];
	const raw = tidyShape(polys);
	const [x0, y0, x1, y1] = bboxOf(raw);
	const box: Multi = [
		[
			[
				[x0 - 1, y0 - 1],
				[x1 + 1, y0 - 1],
				[x1 + 1, y1 + 1],
				[x0 - 1, y1 + 1],
				[x0 - 1, y0 - 1]
			]
		]
	];
	const city = { name: f.properties.name, adcode, shape: intersectShapes(raw, box) };
	cleaned.set(adcode, city);
	return city;
}
