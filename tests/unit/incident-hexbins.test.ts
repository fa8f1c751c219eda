// Incident hexbins cut to the jurisdiction: cells counted right, each cell the size asked, and
// nothing drawn past the border (the wall and the overview showed hexagons spilling into the
// next county).
import { area, booleanPointInPolygon, intersect, featureCollection, polygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { hexPieces } from '../../src/lib/features/incidents/incident-layers.ts';
import { jurisdictionClipper } from '../../src/lib/features/places/jurisdiction.ts';
import { AreaClipper } from '../../src/lib/geo/area-clipper.ts';
import { haversineM } from '../../src/lib/geo/distance.ts';
import { hexbin } from '../../src/lib/geo/hexbin.ts';
import type { Areal, LonLat } from '../../src/lib/geo/types.ts';
import type { AreaCollection, IncidentColumns, VillageCollection } from '../../src/lib/types/layers.ts';
import { rectRing } from '../fixtures/coverage/fixtures.ts';

const square = (x0: number, y0: number, x1: number, y1: number): Areal => ({
	type: 'Polygon',
	coordinates: [rectRing(x0, y0, x1, y1)]
});
const areaOf = (g: Areal) => area({ type: 'Feature', properties: {}, geometry: g });

function incidentsAt(points: LonLat[]): IncidentColumns {
	return {
		id: points.map((_, i) => i + 1),
		position: points,
		category: points.map(() => 'traffic'),
		status: points.map(() => 'closed'),
		time: points.map(() => 0)
	} as unknown as IncidentColumns;
}

/** a grid of points every `step` degrees over a box */
function spread(x0: number, y0: number, x1: number, y1: number, step: number): LonLat[] {
	const out: LonLat[] = [];
	for (let x = x0; x <= x1; x += step) for (let y = y0; y <= y1; y += step) out.push([x, y]);
	return out;
}

describe('hexbin', () => {
	it('counts every point once, in cells of the radius asked', () => {
		const points = spread(119.0, 28.0, 119.3, 28.2, 0.005);
		const cells = hexbin(points, { radiusM: 1400, latitude: 28, coverage: 1 });
		expect(cells.reduce((n, c) => n + c.count, 0)).toBe(points.length);
		expect(new Set(cells.map((c) => c.key)).size).toBe(cells.length);
		for (const c of cells.slice(0, 20)) {
			for (const v of c.ring.slice(0, 6)) expect(haversineM(c.centre, v)).toBeGreaterThan(1300);
			for (const v of c.ring.slice(0, 6)) expect(haversineM(c.centre, v)).toBeLessThan(1500);
			expect(c.ring[0]).toEqual(c.ring[6]);
		}
		// each point lies in its own cell's hexagon
		const byKey = new Map(cells.map((c) => [c.key, c]));
		const one = hexbin([points[7]], { radiusM: 1400, latitude: 28, coverage: 1 })[0];
		expect(booleanPointInPolygon(points[7], polygon([byKey.get(one.key)!.ring]))).toBe(true);
	});

	it('keeps a cell where it is when other points come and go', () => {
		const a = hexbin([[119.1, 28.1]], { radiusM: 1400, latitude: 28 });
		const b = hexbin(
			[
				[119.1, 28.1],
				[119.6, 28.4]
			],
			{ radiusM: 1400, latitude: 28 }
		);
		expect(b.find((c) => c.key === a[0].key)?.ring).toEqual(a[0].ring);
	});
});

describe('AreaClipper', () => {
	const county = square(119.0, 28.0, 119.2, 28.2);
	const clipper = new AreaClipper(county);

	it('keeps a shape wholly inside, drops one wholly outside, and cuts one across the border', () => {
		const inside = rectRing(119.05, 28.05, 119.06, 28.06);
		expect(clipper.clip(inside)).toEqual({ type: 'Polygon', coordinates: [inside] });
		expect(clipper.clip(rectRing(119.3, 28.05, 119.31, 28.06))).toBeNull();
		const across = clipper.clip(rectRing(119.19, 28.05, 119.21, 28.06))!;
		expect(areaOf(across) / areaOf(square(119.19, 28.05, 119.2, 28.06))).toBeCloseTo(1, 3);
	});

	it('cuts at the edge of one part of an area whose other part is far away', () => {
		// the far part falls wholly outside the shape's box: the cut must skip it, not fail
		const twoParts = new AreaClipper({
			type: 'MultiPolygon',
			coordinates: [[rectRing(119.0, 28.0, 119.2, 28.2)], [rectRing(120.0, 29.0, 120.2, 29.2)]]
		});
		const across = twoParts.clip(rectRing(119.19, 28.05, 119.21, 28.06))!;
		expect(areaOf(across) / areaOf(square(119.19, 28.05, 119.2, 28.06))).toBeCloseTo(1, 3);
		expect(twoParts.clip(rectRing(120.1, 29.1, 120.11, 29.11))).not.toBeNull();
	});
});

describe('incident hexbins cut to the jurisdiction', () => {
	it('draw nothing outside the county, and everything inside it', () => {
		const county = square(119.0, 28.0, 119.2, 28.2);
		const points = spread(119.001, 28.001, 119.199, 28.199, 0.004);
		const clipped = hexPieces(incidentsAt(points), new AreaClipper(county));
		const whole = hexPieces(incidentsAt(points), null);
		const total = (pieces: typeof whole) =>
			pieces.reduce((n, p) => n + areaOf({ type: 'Polygon', coordinates: p.polygon }), 0);
		// the whole cells reach past the border, the cut ones do not
		const outside = (pieces: typeof whole) =>
			pieces.reduce((n, p) => {
				const g = { type: 'Polygon' as const, coordinates: p.polygon };
				const inside = intersect(
					featureCollection([polygon(p.polygon), polygon(county.coordinates as LonLat[][])])
				);
				return n + areaOf(g) - (inside ? area(inside) : 0);
			}, 0);
		expect(outside(whole)).toBeGreaterThan(0.02 * total(whole));
		expect(outside(clipped)).toBeLessThan(1e-6 * total(clipped));
		// cutting removes only what lay outside
		expect(total(clipped)).toBeCloseTo(total(whole) - outside(whole), -3);
		// a piece keeps its whole cell's count and colour
		expect(clipped.every((p) => p.count > 0)).toBe(true);
	});

	it('cut to the counties of the villages the user may read, not to the others', () => {
		const area = (id: number, parent: number | null, g: Areal) => ({
			type: 'Feature' as const,
			properties: { id, name: String(id), code: String(id), parent_id: parent },
			geometry: (g.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [g.coordinates] } : g) as never
		});
		const counties = {
			type: 'FeatureCollection',
			features: [area(1, null, square(119, 28, 119.2, 28.2)), area(2, null, square(119.2, 28, 119.4, 28.2))]
		} as AreaCollection;
		const townships = {
			type: 'FeatureCollection',
			features: [area(11, 1, square(119, 28, 119.2, 28.2))]
		} as AreaCollection;
		const villages = {
			type: 'FeatureCollection',
			features: [
				{
					type: 'Feature',
					properties: { id: 5, township_id: 11 },
					geometry: { type: 'MultiPolygon', coordinates: [] }
				}
			]
		} as unknown as VillageCollection;
		const clipper = jurisdictionClipper({ counties, townships, villages })!;
		expect(clipper.clip(rectRing(119.1, 28.1, 119.11, 28.11))).not.toBeNull();
		expect(clipper.clip(rectRing(119.3, 28.1, 119.31, 28.11))).toBeNull();
		// asked again for the same villages: the same clipper, not a second union
		expect(jurisdictionClipper({ counties, townships, villages })).toBe(clipper);
	});
});

describe('AreaClipper.contains', () => {
	it('agrees with Turf on points in a polygon with a hole', () => {
		const holed: Areal = {
			type: 'Polygon',
			coordinates: [rectRing(119, 28, 119.2, 28.2), rectRing(119.05, 28.05, 119.1, 28.1)]
		};
		const clipper = new AreaClipper(holed);
		const feature = polygon(holed.coordinates as LonLat[][]);
		for (const p of spread(118.95, 27.95, 119.25, 28.25, 0.0137))
			expect(clipper.contains(p)).toBe(booleanPointInPolygon(p, feature));
	});
});
