// The generated county, checked by PostGIS rather than by the code that made it: counts, grids
// tiling their villages, points inside their grids.
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from './engine.ts';

let t: TestDatabase;
beforeAll(async () => {
	t = await testDatabase();
});

const count = async (sql: string): Promise<number> => (await t.db.query<{ n: number }>(sql))[0].n;

describe('the county demo (遂昌县)', () => {
	it('has the real figures and every generated row', async () => {
		expect(await count('select count(*)::int n from townships')).toBe(20);
		expect(await count('select count(*)::int n from villages')).toBe(203);
		expect(await count('select count(*)::int n from grids')).toBe(449);
		expect(await count('select count(*)::int n from households')).toBe(t.demo.households.length);
		expect(await count('select count(*)::int n from incidents')).toBe(t.demo.incidents.length);
		expect(await count('select count(*)::int n from campaign_visits')).toBe(t.demo.campaign_visits.length);
		expect(await count('select count(*)::int n from campaign_blocks')).toBe(18);
	});

	// Overlays snap to 1e-9° (0.1 mm): PGlite's GEOS silently returns no rows for a full-precision
	// overlay of nearly coincident edges, so every query below must also return its rows.
	it('has grids that tile each village: no overlap, no gap, nothing outside', async () => {
		const pairs = await t.db.query<{ pairs: number; overlapping: number }>(
			`select count(*)::int pairs,
			        count(*) filter (where ST_Area(ST_Intersection(a.geom, b.geom, 1e-9)::geography) > 1)::int overlapping
			 from grids a join grids b on a.village_id = b.village_id and a.id < b.id and a.geom && b.geom`
		);
		expect(pairs[0].pairs).toBeGreaterThan(200);
		expect(pairs[0].overlapping).toBe(0);
		// per village: area not covered by its grids, and area of its grids outside it (m²)
		const villages = await t.db.query<{ id: number; area: number; gap: number; outside: number }>(
			`with u as (select village_id, ST_Union(geom, 1e-9) g from grids group by village_id)
			 select v.id, ST_Area(v.geom::geography) area,
			        ST_Area(ST_Difference(v.geom, u.g, 1e-9)::geography) gap,
			        ST_Area(ST_Difference(u.g, v.geom, 1e-9)::geography) outside
			 from villages v join u on u.village_id = v.id order by v.id`
		);
		expect(villages).toHaveLength(203);
		expect(villages.filter((v) => v.gap > 1e-4 * v.area || v.outside > 1)).toEqual([]);
	});

	it('has villages that tile their township', async () => {
		const pairs = await t.db.query<{ pairs: number; overlapping: number }>(
			`select count(*)::int pairs,
			        count(*) filter (where ST_Area(ST_Intersection(a.geom, b.geom, 1e-9)::geography) > 1)::int overlapping
			 from villages a join villages b on a.township_id = b.township_id and a.id < b.id and a.geom && b.geom`
		);
		expect(pairs[0].pairs).toBeGreaterThan(100);
		expect(pairs[0].overlapping).toBe(0);
	});

	it('has every household inside its grid and village', async () => {
		expect(
			await count(
				`select count(*)::int n from households h join grids g on g.id = h.grid_id
				 where not ST_Intersects(g.geom, h.geom) or g.village_id <> h.village_id`
			)
		).toBe(0);
	});

	it('leaves gaps for the planner: unassigned grids and villages beyond 3 km of every post', async () => {
		const unassigned = await count(
			`select count(*)::int n from grids g where not exists (
			   select 1 from grid_assignments a where a.grid_id = g.id and a.role = 'primary' and upper_inf(a.during))`
		);
		expect(unassigned).toBeGreaterThan(449 * 0.03);
		expect(unassigned).toBeLessThan(449 * 0.15);
		const remote = await count(
			`select count(*)::int n from villages v where not exists (
			   select 1 from (select geom from posts union all select geom from stations) p
			   where ST_DWithin(v.geom::geography, p.geom::geography, 3000))`
		);
		expect(remote).toBeGreaterThan(203 * 0.05);
		expect(remote).toBeLessThan(203 * 0.3);
	});
});
