// Pre-validation of import features, before anything is sent: every problem with the feature
// it belongs to, so the preview can list and show them all. import_commit checks the same
// rules again in SQL; this copy exists so the admin sees everything at once, in the browser.
import { area, pointOnFeature, unkinkPolygon } from '@turf/turf';
import type { Feature, Geometry, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { bboxOf } from '../geo/bbox.ts';
import { BoxIndex } from '../geo/box-index.ts';
import { pointToSegmentM } from '../geo/distance.ts';
import { intersection } from '../geo/overlay.ts';
import { pointInAreal } from '../geo/point-in-polygon.ts';
import { isFinitePosition, polygonsOf, type Areal, type LonLat } from '../geo/types.ts';
import { geometryProblem, type GeometryProblem } from '../geo/validity.ts';
import { KIND_SPECS, type ImportKind } from './kinds.ts';
import type { ImportFeature, ImportProblem, ProblemKey } from './problems.ts';

/** What is already in the database that the file must fit. */
export interface ImportReference {
	villages?: { code: string; geometry: Areal }[];
	grids?: { code: string; village_code: string; geometry: Areal }[];
	stations?: string[];
	townships?: string[];
}

export const CHINA_BOX = { minLon: 73, maxLon: 136, minLat: 3, maxLat: 54 } as const;
/** The same tolerances as the database: 1 m² of overlap or outside, 100 m² of gap. */
const OVERLAP_M2 = 1;
const GAP_M2 = 100;
const EDGE_M = 0.05;

const GEOMETRY_PROBLEM: Record<GeometryProblem, ProblemKey> = {
	'input.not_polygon': 'import.wrong_type',
	'input.empty': 'import.empty',
	'input.non_finite': 'import.non_finite',
	'input.out_of_range': 'import.outside_china',
	'input.ring_too_short': 'import.too_few_points',
	'input.ring_not_closed': 'import.ring_not_closed',
	'input.zero_area': 'import.zero_area',
	'input.self_intersection': 'import.self_intersection'
};

function positions(g: Geometry): Position[] {
	switch (g.type) {
		case 'Point':
			return [g.coordinates];
		case 'MultiPoint':
		case 'LineString':
			return g.coordinates;
		case 'Polygon':
		case 'MultiLineString':
			return g.coordinates.flat();
		case 'MultiPolygon':
			return g.coordinates.flat(2);
		default:
			return [];
	}
}

const inChina = (p: Position) =>
	p[0] >= CHINA_BOX.minLon &&
	p[0] <= CHINA_BOX.maxLon &&
	p[1] >= CHINA_BOX.minLat &&
	p[1] <= CHINA_BOX.maxLat;

/** A closed copy of an areal geometry whose rings do not end where they start. */
function closed(g: Areal): Areal {
	const close = (r: Position[]) =>
		r.length > 0 && (r[0][0] !== r[r.length - 1][0] || r[0][1] !== r[r.length - 1][1]) ? [...r, r[0]] : r;
	return g.type === 'Polygon'
		? { type: 'Polygon', coordinates: g.coordinates.map(close) }
		: { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(close)) };
}

/** A self-intersecting polygon split at its crossings into valid pieces (a bow-tie → 2). */
function unkinked(g: Areal): MultiPolygon | undefined {
	try {
		const pieces = polygonsOf(g).flatMap((rings) =>
			unkinkPolygon({ type: 'Polygon', coordinates: rings } as Polygon).features.map(
				(f: Feature<Polygon>) => f.geometry.coordinates
			)
		);
		const repaired: MultiPolygon = { type: 'MultiPolygon', coordinates: pieces };
		return geometryProblem(repaired) === null ? repaired : undefined;
	} catch {
		return undefined;
	}
}

/** The first problem of one feature's geometry, with a repaired shape when one is obvious. */
function geometryCheck(kind: ImportKind, g: Geometry | null): Omit<ImportProblem, 'index' | 'code'> | null {
	if (!g || !('coordinates' in g || 'geometries' in g)) return { problem: 'import.empty' };
	if (g.type === 'GeometryCollection')
		return { problem: g.geometries.length ? 'import.wrong_type' : 'import.empty' };
	if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) return { problem: 'import.empty' };
	const want = KIND_SPECS[kind].geometry;
	if (want === 'point' ? g.type !== 'Point' : g.type !== 'Polygon' && g.type !== 'MultiPolygon')
		return { problem: 'import.wrong_type', other: g.type };
	if (g.type === 'Point') {
		// the common case (a million households): no list of positions
		if (!isFinitePosition(g.coordinates)) return { problem: 'import.non_finite' };
		return inChina(g.coordinates) ? null : { problem: 'import.outside_china' };
	}
	const pts = positions(g);
	if (!pts.every(isFinitePosition)) return { problem: 'import.non_finite' };
	if (!pts.every(inChina)) return { problem: 'import.outside_china' };
	const problem = geometryProblem(g);
	if (problem === null) return null;
	const key = GEOMETRY_PROBLEM[problem];
	if (key === 'import.ring_not_closed') {
		const repaired = closed(g as Areal);
		return { problem: key, repaired: geometryProblem(repaired) === null ? repaired : unkinked(repaired) };
	}
	if (key === 'import.self_intersection') return { problem: key, repaired: unkinked(g as Areal) };
	return { problem: key };
}

function fieldCheck(kind: ImportKind, f: ImportFeature): Omit<ImportProblem, 'index' | 'code'> | null {
	for (const field of KIND_SPECS[kind].fields) {
		const v = f.properties[field.key];
		if (v === undefined || v === null) {
			if (field.required)
				return {
					problem: field.key === 'code' ? 'import.code_missing' : 'import.field_missing',
					other: field.key
				};
			continue;
		}
		const ok =
			field.type === 'integer'
				? typeof v === 'number' && Number.isInteger(v)
				: field.type === 'boolean'
					? typeof v === 'boolean'
					: field.type === 'timestamp'
						? typeof v === 'string' && !Number.isNaN(Date.parse(v))
						: !field.values || field.values.includes(String(v));
		if (!ok) return { problem: 'import.field_invalid', other: field.key };
	}
	return null;
}

/** Within a few centimetres of the shape's outline (a shared edge, a vertex on it). */
function onEdge(p: LonLat, g: Areal): boolean {
	for (const poly of polygonsOf(g))
		for (const ring of poly)
			for (let i = 0; i + 1 < ring.length; i++)
				if (pointToSegmentM(p, ring[i], ring[i + 1]) < EDGE_M) return true;
	return false;
}

/** Lies farther than a few centimetres outside the shape (points on its edge are inside). */
const outside = (p: LonLat, g: Areal) => !pointInAreal(p, g) && !onEdge(p, g);

const areaOf = (g: Areal | null) => (g ? area(g) : 0);

export interface Validation {
	problems: ImportProblem[];
}

/** Every problem of every feature; cross-feature rules only among features that are sound. */
export function validateFeatures(
	kind: ImportKind,
	features: ImportFeature[],
	ref: ImportReference = {}
): Validation {
	const problems: ImportProblem[] = [];
	const sound: ImportFeature[] = [];
	const seen = new Map<string, number>();
	for (const f of features) {
		const at = { index: f.index, code: f.code };
		const g = geometryCheck(kind, f.geometry) ?? fieldCheck(kind, f);
		if (g) {
			problems.push({ ...at, ...g });
			continue;
		}
		if (f.code !== null && seen.has(f.code)) {
			problems.push({ ...at, problem: 'import.duplicate_code', other: String(seen.get(f.code)) });
			continue;
		}
		if (f.code !== null) seen.set(f.code, f.index);
		sound.push(f);
	}
	if (kind === 'grids') gridRules(sound, ref, problems);
	if ((kind === 'households' || kind === 'incidents') && ref.grids) pointsInGrids(sound, ref, problems);
	// codes that must name a stored station or township
	const known = (codes: string[] | undefined, field: string, problem: ProblemKey) => {
		if (!codes) return;
		const set = new Set(codes);
		for (const f of sound)
			if (!set.has(String(f.properties[field])))
				problems.push({ index: f.index, code: f.code, problem, other: String(f.properties[field]) });
	};
	if (kind === 'villages' || kind === 'posts') known(ref.stations, 'station_code', 'import.unknown_station');
	if (kind === 'villages') known(ref.townships, 'township_code', 'import.unknown_township');
	problems.sort((a, b) => a.index - b.index);
	return { problems };
}

function gridRules(grids: ImportFeature[], ref: ImportReference, problems: ImportProblem[]) {
	const shapes = grids.map((f) => f.geometry as Areal);
	// the file's grids, then the stored grids the file does not replace: a grid of the file may
	// overlap neither
	const fileCodes = new Set(grids.map((f) => f.code));
	const stored = (ref.grids ?? []).filter((g) => !fileCodes.has(g.code));
	const all = [...shapes, ...stored.map((g) => g.geometry)];
	const codes = [...grids.map((f) => f.code ?? ''), ...stored.map((g) => g.code)];
	const boxes = all.map(bboxOf);
	const index = new BoxIndex(boxes);
	const inner = all.map((g) => innerPoint(g));
	// a vertex or an inner point strictly inside the other grid marks a candidate pair; the
	// overlay's area decides (shared edges are not overlaps)
	const flagged = new Set<number>();
	grids.forEach((f, i) => {
		for (const j of index.search(boxes[i])) {
			if (j === i || (j < grids.length && j < i) || flagged.has(i)) continue;
			const candidate =
				strictlyInside(inner[i], all[j]) ||
				strictlyInside(inner[j], all[i]) ||
				positions(all[i]).some((p) => strictlyInside(p as LonLat, all[j])) ||
				positions(all[j]).some((p) => strictlyInside(p as LonLat, all[i]));
			if (candidate && areaOf(intersection(all[i], all[j])) > OVERLAP_M2) {
				// report the later grid of a pair within the file, the file's grid against a stored one
				const k = j < grids.length ? Math.max(i, j) : i;
				flagged.add(k);
				problems.push({
					index: grids[k].index,
					code: grids[k].code,
					problem: 'import.grids_overlap',
					other: codes[k === i ? j : i]
				});
			}
		}
	});
	if (!ref.villages) return;
	const villages = new Map(ref.villages.map((v) => [v.code, v.geometry]));
	const byVillage = new Map<string, { first: ImportFeature; shapes: Areal[] }>();
	grids.forEach((f, i) => {
		const code = String(f.properties.village_code);
		const village = villages.get(code);
		if (!village) {
			problems.push({ index: f.index, code: f.code, problem: 'import.unknown_village', other: code });
			return;
		}
		if (positions(shapes[i]).some((p) => outside(p as LonLat, village))) {
			const inside = areaOf(intersection(shapes[i], village));
			if (areaOf(shapes[i]) - inside > OVERLAP_M2) {
				problems.push({ index: f.index, code: f.code, problem: 'import.grid_outside_village', other: code });
				return;
			}
		}
		const entry = byVillage.get(code) ?? { first: f, shapes: [] };
		entry.shapes.push(shapes[i]);
		byVillage.set(code, entry);
	});
	// gaps: the village's area not covered by its grids once the file is in (its grids and the
	// stored ones it does not replace); with no overlaps left, areas add up
	if (problems.some((p) => p.problem === 'import.grids_overlap')) return;
	for (const [code, { first, shapes: shapesOfVillage }] of byVillage) {
		const others = stored.filter((g) => g.village_code === code).map((g) => g.geometry);
		const covered = [...shapesOfVillage, ...others].reduce((s, g) => s + areaOf(g), 0);
		const gap = areaOf(villages.get(code) ?? null) - covered;
		if (gap > GAP_M2)
			problems.push({
				index: first.index,
				code: first.code,
				problem: 'import.village_gap',
				other: `${code}:${Math.round(gap)}`
			});
	}
}

/** A point inside the shape, away from its edges (Turf's point on feature). */
function innerPoint(g: Areal): LonLat {
	return pointOnFeature(g).geometry.coordinates as LonLat;
}

/** Strictly inside: inside and not on the edge. */
const strictlyInside = (p: LonLat, g: Areal) => pointInAreal(p, g) && !onEdge(p, g);

/**
 * Each point must lie in a stored grid. The grid found is kept on the feature: the database
 * checks such claims a grid at a time instead of searching its index for every point.
 */
function pointsInGrids(points: ImportFeature[], ref: ImportReference, problems: ImportProblem[]) {
	const grids = ref.grids ?? [];
	const boxes = grids.map((g) => bboxOf(g.geometry));
	const index = new BoxIndex(boxes);
	const inGrid = (p: LonLat, i: number) => {
		const b = boxes[i];
		return p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3] && pointInAreal(p, grids[i].geometry);
	};
	// a register lists a grid's households together: the last grid found is tried first
	let last = -1;
	for (const f of points) {
		const p = (f.geometry as Point).coordinates as LonLat;
		const hit =
			last >= 0 && inGrid(p, last)
				? last
				: index.search([p[0], p[1], p[0], p[1]]).find((i) => pointInAreal(p, grids[i].geometry));
		if (hit === undefined) {
			delete f.grid;
			problems.push({ index: f.index, code: f.code, problem: 'import.outside_grids' });
		} else {
			last = hit;
			f.grid = grids[hit].code;
		}
	}
}
