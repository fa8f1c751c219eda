// The planner of a province analyses one city at a time: coverage_input(county_ids) holds the
// chosen counties' villages, grids, households, assignments and visits and nothing else (every
// post and station stays a reach point), and the village and grid layers read in the city's box
// hold what touches the box with the figures the whole layers give them.
import { beforeAll, describe, expect, it } from 'vitest';
import type { GridCollection, VillageCollection } from '../../src/lib/types/layers.ts';
import { actAs, asOwner, rolledBack, testDatabase, type TestDatabase } from './engine.ts';

let t: TestDatabase;
beforeAll(async () => {
	t = await testDatabase();
});

interface InputJson {
	villages: { id: number; county_id: number }[];
	grids: { id: number; village_id: number }[];
	officers: { id: number }[];
	assignments: { grid_id: number; officer_id: number }[];
	reach_points: { id: number; kind: string }[];
	households: { id: number[] };
	campaign: { grid_ids: number[] } | null;
	visited_household_ids: number[];
	counties: { id: number }[];
}

const ids = (rows: { id: number }[]) => rows.map((r) => r.id).sort((a, b) => a - b);
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

describe("the planner's city of a province", () => {
	it('reads the chosen counties only, and the two halves of a split county make the whole', async () => {
		await rolledBack(t.db, async (tx) => {
			await asOwner(tx);
			// the demo's county split in two: its first half of townships moves to a new county
			const [{ a }] = await tx.query<{ a: number }>('select min(id)::int a from public.counties');
			const [{ b }] = await tx.query<{ b: number }>(
				`insert into public.counties (code, name, geom)
				 select '330723', '测试县', geom from public.counties where id = $1 returning id::int b`,
				[a]
			);
			await tx.query(
				`update public.townships set county_id = $1
				 where id in (select id from public.townships order by id limit (select count(*) / 2 from public.townships))`,
				[b]
			);
			await actAs(tx, { app_role: 'planner' });
			const input = async (counties: number[] | null) =>
				(
					await tx.query<{ j: InputJson }>('select public.coverage_input($1::bigint[]) j', [
						counties === null ? null : `{${counties.join(',')}}`
					])
				)[0].j;
			const whole = await input(null);
			const [ofA, ofB] = [await input([a]), await input([b])];

			expect(ofA.villages.length).toBeGreaterThan(0);
			expect(ofB.villages.length).toBeGreaterThan(0);
			expect(ofA.villages.every((v) => v.county_id === a)).toBe(true);
			expect(ofB.villages.every((v) => v.county_id === b)).toBe(true);
			expect(sorted([...ids(ofA.villages), ...ids(ofB.villages)])).toEqual(ids(whole.villages));
			expect(sorted([...ids(ofA.grids), ...ids(ofB.grids)])).toEqual(ids(whole.grids));
			expect(ofA.households.id.length + ofB.households.id.length).toBe(whole.households.id.length);
			expect(ofA.households.id.length).toBeGreaterThan(0);
			expect(ofB.households.id.length).toBeGreaterThan(0);
			expect(ofA.assignments.length + ofB.assignments.length).toBe(whole.assignments.length);
			expect(sorted([...ofA.campaign!.grid_ids, ...ofB.campaign!.grid_ids])).toEqual(
				sorted(whole.campaign!.grid_ids)
			);
			expect(new Set([...ofA.visited_household_ids, ...ofB.visited_household_ids])).toEqual(
				new Set(whole.visited_household_ids)
			);
			expect(whole.visited_household_ids.length).toBeGreaterThan(0);
			expect(ids(ofB.counties)).toEqual([b]);
			// reach crosses county lines: every post and station either way
			expect(ofB.reach_points).toEqual(whole.reach_points);
			// the officers of B's grids come with B, though their station is A's
			const officersOfB = new Set(ids(ofB.officers));
			expect(ofB.assignments.length).toBeGreaterThan(0);
			for (const assignment of ofB.assignments) expect(officersOfB.has(assignment.officer_id)).toBe(true);
			expect(ofB.officers.length).toBeLessThan(whole.officers.length);
		});
	}, 120_000);

	it('reads the villages and grids in a box with the figures the whole layers give them', async () => {
		await rolledBack(t.db, async (tx) => {
			await actAs(tx, { app_role: 'planner' });
			const [{ v, g }] = await tx.query<{ v: VillageCollection; g: GridCollection }>(
				"select public.map_layer('villages') v, public.map_layer('grids') g"
			);
			// a box around the first township's villages
			const township = v.features[0].properties.township_id;
			const inside = v.features.filter((f) => f.properties.township_id === township);
			const box = [Infinity, Infinity, -Infinity, -Infinity];
			for (const f of inside)
				for (const polygon of f.geometry.coordinates)
					for (const [x, y] of polygon[0]) {
						box[0] = Math.min(box[0], x);
						box[1] = Math.min(box[1], y);
						box[2] = Math.max(box[2], x);
						box[3] = Math.max(box[3], y);
					}
			const [{ bv, bg }] = await tx.query<{ bv: VillageCollection; bg: GridCollection }>(
				"select public.map_layer('villages', $1::float8[]) bv, public.map_layer('grids', $1::float8[]) bg",
				[`{${box.join(',')}}`]
			);
			const boxIds = new Set(bv.features.map((f) => f.properties.id));
			for (const f of inside) expect(boxIds.has(f.properties.id)).toBe(true);
			expect(bv.features.length).toBeLessThan(v.features.length);
			expect(bg.features.length).toBeGreaterThan(0);
			expect(bg.features.length).toBeLessThan(g.features.length);
			const wholeVillages = new Map(v.features.map((f) => [f.properties.id, f.properties]));
			for (const f of bv.features) expect(f.properties).toEqual(wholeVillages.get(f.properties.id));
			const wholeGrids = new Map(g.features.map((f) => [f.properties.id, f.properties]));
			for (const f of bg.features) expect(f.properties).toEqual(wholeGrids.get(f.properties.id));
			expect(bg.features.some((f) => f.properties.officer_id !== null)).toBe(true);
		});
	}, 120_000);
});
