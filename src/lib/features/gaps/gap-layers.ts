// The planner's map: uncovered areas hatched in orange, villages beyond reach filled in violet
// (the beyond-reach part of a partly reached village hatched in violet), the reach circles of
// posts and stations, and the findings of another kind outlined when the list is filtered to it.
import { GeoJsonLayer, PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { FindingKind } from '$lib/coverage/findings';
import { hatchLines, type Segment } from './hatch.ts';
import type { PlanRow } from './plan-rows.ts';

type Rgba = [number, number, number, number];

export const UNCOVERED: Rgba = [234, 88, 12, 255];
export const BEYOND_REACH: Rgba = [124, 58, 237, 255];
export const OTHER: Rgba = [202, 138, 4, 255];
export const REACH_CIRCLE: Rgba = [37, 99, 235, 255];

export const UNCOVERED_KINDS: ReadonlySet<FindingKind> = new Set<FindingKind>([
	'grid_unassigned',
	'village_outside_grids',
	'village_uncovered_grids'
]);
export const HATCHED_KINDS: ReadonlySet<FindingKind> = new Set<FindingKind>([
	...UNCOVERED_KINDS,
	'reach_gap'
]);
/** what the map shows while the list is not filtered by kind */
export const MAPPED_KINDS: ReadonlySet<FindingKind> = new Set<FindingKind>([
	...HATCHED_KINDS,
	'village_out_of_reach'
]);

const alpha = (c: Rgba, a: number): Rgba => [c[0], c[1], c[2], a];

export function kindColour(kind: FindingKind): Rgba {
	if (UNCOVERED_KINDS.has(kind)) return UNCOVERED;
	if (kind === 'village_out_of_reach' || kind === 'reach_gap') return BEYOND_REACH;
	return OTHER;
}

function fillOf(kind: FindingKind): Rgba {
	if (kind === 'village_out_of_reach') return alpha(BEYOND_REACH, 110);
	if (HATCHED_KINDS.has(kind)) return alpha(kindColour(kind), 28);
	return alpha(OTHER, 40);
}

export type GapFeature = Feature<Polygon | MultiPolygon, { id: string; kind: FindingKind }>;

export function gapFeatures(rows: PlanRow[]): GapFeature[] {
	const out: GapFeature[] = [];
	for (const r of rows)
		if (r.geometry)
			out.push({ type: 'Feature', geometry: r.geometry, properties: { id: r.id, kind: r.kind } });
	return out;
}

/** The rows the map draws: the mapped kinds, or every row when the list shows one other kind. */
export function mappedRows(rows: PlanRow[], kindFilter: FindingKind | null): PlanRow[] {
	return kindFilter !== null && !MAPPED_KINDS.has(kindFilter)
		? rows
		: rows.filter((r) => MAPPED_KINDS.has(r.kind));
}

interface HatchSegment {
	path: Segment;
	colour: Rgba;
}

export function hatchSegments(features: GapFeature[], spacingM: number): HatchSegment[] {
	const out: HatchSegment[] = [];
	for (const f of features) {
		if (!HATCHED_KINDS.has(f.properties.kind)) continue;
		const colour = alpha(kindColour(f.properties.kind), 200);
		for (const path of hatchLines(f.geometry, spacingM)) out.push({ path, colour });
	}
	return out;
}

export function gapLayers(features: GapFeature[], spacingM: number): Layer[] {
	return [
		new GeoJsonLayer<{ id: string; kind: FindingKind }>({
			id: 'gap-areas',
			data: features,
			filled: true,
			stroked: true,
			getFillColor: (f) => fillOf(f.properties.kind),
			getLineColor: (f) => alpha(kindColour(f.properties.kind), 230),
			lineWidthUnits: 'pixels',
			// the engine cuts gaps into convex pieces: their edges would draw as fans, the hatching is enough
			getLineWidth: (f) => (HATCHED_KINDS.has(f.properties.kind) ? 0 : 1.4),
			lineWidthMinPixels: 0,
			pickable: true,
			autoHighlight: true,
			highlightColor: [255, 255, 255, 80]
		}),
		new PathLayer<HatchSegment>({
			id: 'gap-hatch',
			data: hatchSegments(features, spacingM),
			getPath: (d) => d.path,
			getColor: (d) => d.colour,
			widthUnits: 'pixels',
			getWidth: 1.3,
			pickable: false
		})
	];
}

/** Every post and station with a circle of the reach radius around it. */
export function reachLayers(points: [number, number][], reachKm: number): Layer[] {
	return [
		new ScatterplotLayer<[number, number]>({
			id: 'reach-circles',
			data: points,
			getPosition: (p) => p,
			radiusUnits: 'meters',
			getRadius: reachKm * 1000,
			// outlines only: in towns dozens of circles overlap, and fills would add up to a solid blue
			filled: false,
			stroked: true,
			getLineColor: alpha(REACH_CIRCLE, 90),
			lineWidthUnits: 'pixels',
			getLineWidth: 1,
			updateTriggers: { getRadius: reachKm }
		}),
		new ScatterplotLayer<[number, number]>({
			id: 'reach-points',
			data: points,
			getPosition: (p) => p,
			radiusUnits: 'pixels',
			getRadius: 3.5,
			getFillColor: REACH_CIRCLE,
			stroked: true,
			getLineColor: [255, 255, 255, 255],
			lineWidthUnits: 'pixels',
			getLineWidth: 1
		})
	];
}
