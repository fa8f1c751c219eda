// The plan page decides which drawn block holds a grid from a point inside the grid; the
// database decides from ST_PointOnSurface. They must be the same point, for every demo grid.
import { beforeAll, describe, expect, it } from 'vitest';
import type { MultiPolygon } from 'geojson';
import { interiorPoint } from '../../src/lib/geo/interior-point.ts';
import { pointInAreal } from '../../src/lib/geo/point-in-polygon.ts';
import { testDatabase, type TestDatabase } from './engine.ts';

let t: TestDatabase;
beforeAll(async () => {
	t = await testDatabase();
});

describe('interior point', () => {
	it('is ST_PointOnSurface for every grid', async () => {
		const rows = await t.db.query<{ id: number; geom: string; x: number; y: number }>(
			`select id, ST_AsGeoJSON(geom) as geom, ST_X(ST_PointOnSurface(geom)) as x,
			        ST_Y(ST_PointOnSurface(geom)) as y from grids order by id`
		);
		expect(rows.length).toBeGreaterThan(100);
		const off = rows.filter((r) => {
			const p = interiorPoint(JSON.parse(r.geom) as MultiPolygon);
			return !p || Math.abs(p[0] - r.x) > 1e-9 || Math.abs(p[1] - r.y) > 1e-9;
		});
		expect(off.map((r) => r.id)).toEqual([]);
	});
	it('finds a point inside a concave shape where the vertex mean is outside', async () => {
		// a U: the mean of its corners lies in the notch
		const u: MultiPolygon = {
			type: 'MultiPolygon',
			coordinates: [
				[
					[
						[0, 0],
						[3, 0],
						[3, 3],
						[2, 3],
						[2, 1],
						[1, 1],
						[1, 3],
						[0, 3],
						[0, 0]
					]
				]
			]
		};
		const [r] = await t.db.query<{ x: number; y: number }>(
			`select ST_X(p) as x, ST_Y(p) as y from (select ST_PointOnSurface(ST_GeomFromGeoJSON($1)) as p) q`,
			[JSON.stringify(u)]
		);
		expect(interiorPoint(u)).toEqual([r.x, r.y]);
		expect(pointInAreal(interiorPoint(u)!, u)).toBe(true);
		expect(pointInAreal([1.5, 1.75], u)).toBe(false);
	});
});
