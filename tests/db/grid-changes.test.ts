// Grids change (网格调整) in plain SQL, as Supabase Studio or the import would change them: a
// split, a moved shared edge, a merge back and a refused overlap or stranding must leave every
// household in the grid that covers it, the kept counts and the running campaign's figures
// right, a version history and an audit trail.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlTransaction } from '../../src/lib/server/db/sql.ts';
import { actAs, asOwner, rolledBack, testDatabase, type TestDatabase, refusal } from './engine.ts';

let t: TestDatabase;
beforeAll(async () => {
	t = await testDatabase();
});

type Tx = Pick<SqlTransaction, 'query' | 'exec'>;

/** The running campaign's grid with the most households, and its village. */
async function busyGrid(
	tx: Tx
): Promise<{ id: number; code: string; village_id: number; households: number }> {
	const rows = await tx.query<{ id: number; code: string; village_id: number; households: number }>(
		`select g.id::int, g.code, g.village_id::int, c.households::int
		 from grids g join grid_household_counts c on c.grid_id = g.id
		 where exists (select 1 from campaign_block_grids bg join campaigns k on k.id = bg.campaign_id
		               where bg.grid_id = g.id and k.ends_on >= (now() at time zone 'Asia/Shanghai')::date)
		   and exists (select 1 from campaign_visits v where v.grid_id = g.id)
		 order by c.households desc, g.id limit 1`
	);
	expect(rows).toHaveLength(1);
	return rows[0];
}

/**
 * Splits a grid at the middle of its box: the west part keeps the id (and the officer), the
 * east part is a new grid. Two statements, shrink first, as a person in Studio would type them.
 */
async function split(tx: Tx, id: number): Promise<number> {
	await tx.query(
		`create temp table split_parts on commit drop as
		 select g.id, g.village_id, g.code,
		        ST_Multi(ST_CollectionExtract(ST_Intersection(g.geom, ST_MakeEnvelope(ST_XMin(g.geom) - 1, ST_YMin(g.geom) - 1,
		          (ST_XMin(g.geom) + ST_XMax(g.geom)) / 2, ST_YMax(g.geom) + 1, 4326)), 3)) west,
		        ST_Multi(ST_CollectionExtract(ST_Difference(g.geom, ST_MakeEnvelope(ST_XMin(g.geom) - 1, ST_YMin(g.geom) - 1,
		          (ST_XMin(g.geom) + ST_XMax(g.geom)) / 2, ST_YMax(g.geom) + 1, 4326)), 3)) east
		 from grids g where g.id = $1`,
		[id]
	);
	await tx.query(`update grids g set geom = s.west from split_parts s where g.id = s.id`);
	const rows = await tx.query<{ id: number }>(
		`insert into grids (village_id, code, name, geom)
		 select s.village_id, s.code || '-E', '拆分东片', s.east from split_parts s returning id::int`
	);
	// run the commit-time checks now, then defer them again for what the test does next
	await tx.query(`set constraints all immediate`);
	await tx.query(`set constraints all deferred`);
	return rows[0].id;
}

/** Households whose grid is not the (lowest-id) grid covering them, in the given village. */
async function misplaced(tx: Tx, villageId: number): Promise<number> {
	const rows = await tx.query<{ n: number }>(
		`select count(*)::int n from households h
		 where h.village_id = $1 and h.grid_id is distinct from
		   (select min(g.id) from grids g where ST_Covers(g.geom, h.geom))`,
		[villageId]
	);
	return rows[0].n;
}

async function countsMatch(tx: Tx): Promise<number> {
	const rows = await tx.query<{ n: number }>(
		`select count(*)::int n from grids g
		 left join grid_household_counts c on c.grid_id = g.id
		 left join (select grid_id, count(*) n from households group by grid_id) h on h.grid_id = g.id
		 where coalesce(c.households, 0) <> coalesce(h.n, 0)`
	);
	return rows[0].n;
}

describe('grid changes', () => {
	it('a split moves the households, the counts and the running campaign to the new grid', async () => {
		await rolledBack(t.db, async (tx) => {
			const grid = await busyGrid(tx);
			expect(grid.households).toBeGreaterThan(50);
			const campaignBefore = await tx.query<{ campaign_id: number; visits: number; households: number }>(
				`select d.campaign_id::int, sum(d.visits)::int visits,
				   (select count(*)::int from campaign_households s where s.campaign_id = d.campaign_id) households
				 from campaign_visit_days d group by d.campaign_id order by 1`
			);
			const east = await split(tx, grid.id);

			const moved = await tx.query<{ west: number; east: number }>(
				`select count(*) filter (where grid_id = $1)::int west, count(*) filter (where grid_id = $2)::int east
				 from households where grid_id in ($1, $2)`,
				[grid.id, east]
			);
			expect(moved[0].west + moved[0].east).toBe(grid.households);
			expect(moved[0].east).toBeGreaterThan(0);
			expect(moved[0].west).toBeGreaterThan(0);
			expect(await misplaced(tx, grid.village_id)).toBe(0);
			expect(await countsMatch(tx)).toBe(0);

			// the new grid joins the old one's campaign block; visits and daily figures follow
			const blocks = await tx.query<{ grid_id: number; block_id: number }>(
				`select grid_id::int, block_id::int from campaign_block_grids bg join campaigns k on k.id = bg.campaign_id
				 where k.ends_on >= (now() at time zone 'Asia/Shanghai')::date and grid_id in ($1, $2) order by grid_id`,
				[grid.id, east]
			);
			expect(blocks.map((b) => b.grid_id)).toEqual([grid.id, east]);
			expect(blocks[0].block_id).toBe(blocks[1].block_id);
			const wrong = await tx.query<{ n: number }>(
				`select count(*)::int n from campaign_visits v join households h on h.id = v.household_id
				 join campaigns k on k.id = v.campaign_id
				 where k.ends_on >= (now() at time zone 'Asia/Shanghai')::date and v.grid_id <> h.grid_id`
			);
			expect(wrong[0].n).toBe(0);
			const eastVisits = await tx.query<{ kept: number; live: number }>(
				`select (select coalesce(sum(visits), 0)::int from campaign_visit_days where grid_id = $1) kept,
				        (select count(*)::int from campaign_visits where grid_id = $1) live`,
				[east]
			);
			expect(eastVisits[0].kept).toBe(eastVisits[0].live);
			expect(eastVisits[0].live).toBeGreaterThan(0);
			const campaignAfter = await tx.query<{ campaign_id: number; visits: number; households: number }>(
				`select d.campaign_id::int, sum(d.visits)::int visits,
				   (select count(*)::int from campaign_households s where s.campaign_id = d.campaign_id) households
				 from campaign_visit_days d group by d.campaign_id order by 1`
			);
			expect(campaignAfter).toEqual(campaignBefore);

			// the officer stays on the old id; the new part is a gap until someone is assigned
			const officers = await tx.query<{ grid_id: number }>(
				`select grid_id::int from grid_assignments where grid_id in ($1, $2) and role = 'primary' and upper_inf(during)`,
				[grid.id, east]
			);
			expect(officers.map((o) => o.grid_id)).toEqual([grid.id]);

			// history: the grid as it was before is one query away; the change is audited
			const versions = await tx.query<{ whole: number; now: number; area_then: number; area_now: number }>(
				`select (select count(*)::int from grids_at(now() - interval '1 day') where grid_id = $1) whole,
				        (select count(*)::int from grids_at(now()) where grid_id in ($1, $2)) now,
				        (select ST_Area(geom::geography) from grids_at(now() - interval '1 day') where grid_id = $1) area_then,
				        (select ST_Area(geom::geography) from grids_at(now()) where grid_id = $1) area_now`,
				[grid.id, east]
			);
			expect(versions[0].whole).toBe(1);
			expect(versions[0].now).toBe(2);
			expect(versions[0].area_now).toBeLessThan(versions[0].area_then * 0.9);
			const audit = await tx.query<{ action: string; row_id: number }>(
				`select action, row_id::int from audit_log where table_name = 'grids' and at = now() order by action`
			);
			expect(audit).toEqual([
				{ action: 'grid_insert', row_id: east },
				{ action: 'grid_update', row_id: grid.id }
			]);
		});
	});

	it('incidents keep the grid they were reported in and follow the current one', async () => {
		await rolledBack(t.db, async (tx) => {
			const grid = await busyGrid(tx);
			await tx.query(
				`insert into incidents (code, category, summary, geom)
				 select 'probe-regrid-' || h.id, 'fraud', '测试', h.geom from households h
				 where h.grid_id = $1 order by ST_X(h.geom) desc limit 3`,
				[grid.id]
			);
			const east = await split(tx, grid.id);
			const rows = await tx.query<{ grid_id: number; reported_grid_id: number }>(
				`select grid_id::int, reported_grid_id::int from incidents where code like 'probe-regrid-%'`
			);
			expect(rows).toHaveLength(3);
			for (const r of rows) expect(r.reported_grid_id).toBe(grid.id);
			expect(rows.filter((r) => r.grid_id === east).length).toBeGreaterThan(0);
		});
	});

	it('a finished campaign keeps the figures of its grids as they were at its end; a running one follows', async () => {
		type Figures = {
			total: { households: number; visited: number };
			grids: Record<number, [number, number]>;
			listed: { households: number; visited: number };
			doors: number;
			area: number;
		};
		/** The campaign's figures as an admin reads them on its pages, and the busy grid's outline. */
		async function figures(tx: Tx, campaign: number, gridId: number, block: number): Promise<Figures> {
			await actAs(tx, { app_role: 'admin' });
			const [{ p, s, l, d, g }] = await tx.query<{
				p: { totals: { households: number; visited: number } };
				s: { grid_id: number[]; households: number[]; visited: number[] };
				l: { id: number; households: number; visited: number }[];
				d: { id: number[] };
				g: { features: { id: number; geometry: object }[] };
			}>(
				`select public.campaign_progress($1) p, public.campaign_visited_share($1) s, public.list_campaigns() l,
				        public.campaign_block_households($1, array[$2]::bigint[]) d, public.campaign_grids($1) g`,
				[campaign, block]
			);
			await asOwner(tx);
			const outline = g.features.find((f) => f.id === gridId)!.geometry;
			const [{ area }] = await tx.query<{ area: number }>(
				`select ST_Area(ST_GeomFromGeoJSON($1)::geography) area`,
				[JSON.stringify(outline)]
			);
			const listed = l.find((c) => c.id === campaign)!;
			return {
				total: { households: p.totals.households, visited: p.totals.visited },
				grids: Object.fromEntries(s.grid_id.map((id, i) => [id, [s.households[i], s.visited[i]]])),
				listed: { households: listed.households, visited: listed.visited },
				doors: d.id.length,
				area: Math.round(area)
			};
		}

		for (const finished of [true, false]) {
			await rolledBack(t.db, async (tx) => {
				const grid = await busyGrid(tx);
				const [{ campaign, block }] = await tx.query<{ campaign: number; block: number }>(
					`select bg.campaign_id::int campaign, bg.block_id::int block from campaign_block_grids bg
					 join campaigns k on k.id = bg.campaign_id
					 where bg.grid_id = $1 and k.ends_on >= (now() at time zone 'Asia/Shanghai')::date limit 1`,
					[grid.id]
				);
				// ended yesterday (China time): its grids as they were at midnight are its grids
				if (finished)
					await tx.query(
						`update campaigns set starts_on = least(starts_on, (now() at time zone 'Asia/Shanghai')::date - 30),
						   ends_on = (now() at time zone 'Asia/Shanghai')::date - 1 where id = $1`,
						[campaign]
					);
				const before = await figures(tx, campaign, grid.id, block);
				expect(before.grids[grid.id][0]).toBe(grid.households);
				expect(before.total.visited).toBeGreaterThan(0);

				const east = await split(tx, grid.id);
				const [{ west }] = await tx.query<{ west: number }>(
					`select count(*)::int west from households where grid_id = $1`,
					[grid.id]
				);
				expect(west).toBeLessThan(grid.households);
				const after = await figures(tx, campaign, grid.id, block);

				// either way no household is lost or counted twice
				expect(after.total).toEqual(before.total);
				expect(after.listed).toEqual(before.listed);
				expect(after.doors).toBe(before.doors);
				if (finished) {
					// the split came after the campaign: its grid, outline and figures are as they were
					expect(after.grids).toEqual(before.grids);
					expect(after.grids[east]).toBeUndefined();
					expect(after.area).toBe(before.area);
				} else {
					// a running campaign follows the grids: the new part joins it with the moved households
					expect(after.grids[grid.id][0]).toBe(west);
					expect(after.grids[east][0]).toBe(grid.households - west);
					expect(after.grids[grid.id][1] + after.grids[east][1]).toBe(before.grids[grid.id][1]);
					expect(after.area).toBeLessThan(before.area * 0.9);
				}
			});
		}
	});

	it('a shared edge moves in one statement, or in two in either order', async () => {
		for (const order of ['one statement', 'shrink first', 'grow first']) {
			await rolledBack(t.db, async (tx) => {
				// two grids of one village sharing an edge, the second with households near it
				const pair = await tx.query<{ a: number; b: number; village_id: number }>(
					`select a.id::int a, b.id::int b, a.village_id::int village_id from grids a join grids b
					   on b.village_id = a.village_id and b.id > a.id and ST_Length(ST_Intersection(a.geom, b.geom)::geography) > 200
					 where (select count(*) from households h
					        where h.grid_id = b.id and ST_DWithin(h.geom::geography, a.geom::geography, 150)) >= 5
					 order by a.id limit 1`
				);
				expect(pair).toHaveLength(1);
				const { a, b, village_id } = pair[0];
				// b gives a the part of b within 150 m of a
				await tx.query(
					`create temp table edge_move on commit drop as
					 select ST_Multi(ST_CollectionExtract(ST_Union(a.geom, s.strip), 3)) a_new,
					        ST_Multi(ST_CollectionExtract(ST_Difference(b.geom, s.strip), 3)) b_new,
					        s.strip
					 from grids a, grids b,
					   lateral (select ST_Intersection(b.geom, ST_Buffer(a.geom::geography, 150)::geometry) strip) s
					 where a.id = $1 and b.id = $2`,
					[a, b]
				);
				const inStrip = await tx.query<{ n: number }>(
					`select count(*)::int n from households h, edge_move e where h.grid_id = $1 and ST_Covers(e.strip, h.geom)`,
					[b]
				);
				const shrink = () =>
					tx.query(`update grids g set geom = e.b_new from edge_move e where g.id = $1`, [b]);
				const grow = () =>
					tx.query(`update grids g set geom = e.a_new from edge_move e where g.id = $1`, [a]);
				if (order === 'one statement')
					await tx.query(
						`update grids g set geom = case g.id when $1 then e.a_new else e.b_new end
						 from edge_move e where g.id in ($1, $2)`,
						[a, b]
					);
				else if (order === 'shrink first') await shrink().then(grow);
				else await grow().then(shrink);
				await tx.query(`set constraints all immediate`);
				expect(await misplaced(tx, village_id)).toBe(0);
				expect(await countsMatch(tx)).toBe(0);
				expect(inStrip[0].n).toBeGreaterThan(0);
				const moved = await tx.query<{ n: number }>(
					`select count(*)::int n from households h, edge_move e where h.grid_id = $1 and ST_Covers(e.strip, h.geom)`,
					[a]
				);
				expect(moved[0].n).toBe(inStrip[0].n);
			});
		}
	});

	it('a new grid merged back into its neighbour (grow, then delete) returns its households', async () => {
		await rolledBack(t.db, async (tx) => {
			const grid = await busyGrid(tx);
			const east = await split(tx, grid.id);
			await tx.query(
				`update grids g set geom = ST_Multi(ST_CollectionExtract(ST_Union(g.geom, e.geom), 3))
				 from grids e where g.id = $1 and e.id = $2`,
				[grid.id, east]
			);
			await tx.query(`delete from grids where id = $1`, [east]);
			await tx.query(`set constraints all immediate`);
			const n = await tx.query<{ n: number }>(`select count(*)::int n from households where grid_id = $1`, [
				grid.id
			]);
			expect(n[0].n).toBe(grid.households);
			expect(await countsMatch(tx)).toBe(0);
			const gone = await tx.query<{ n: number }>(
				`select (select count(*) from campaign_block_grids where grid_id = $1)
				      + (select count(*) from campaign_visits where grid_id = $1)
				      + (select count(*) from grids_at(now()) where grid_id = $1) n`,
				[east]
			);
			expect(Number(gone[0].n)).toBe(0);
		});
	});

	it('an import that splits a grid reports it as re-drawn, with the households it moved', async () => {
		await rolledBack(t.db, async (tx) => {
			const grid = await busyGrid(tx);
			const [admin] = await tx.query<{ id: string }>(
				`select id from app.accounts where app_role = 'admin' limit 1`
			);
			await tx.query(`select set_config('request.jwt.claims', $1, true)`, [
				JSON.stringify({ sub: admin.id, role: 'authenticated', app_metadata: { app_role: 'admin' } })
			]);
			// the file: the west half under the grid's own code, the east half as a new grid
			const [parts] = await tx.query<{ west: string; east: string; code: string; village: string }>(
				`select g.code, v.code village,
				   ST_AsGeoJSON(ST_Intersection(g.geom, b.box)) west, ST_AsGeoJSON(ST_Difference(g.geom, b.box)) east
				 from grids g join villages v on v.id = g.village_id,
				   lateral (select ST_MakeEnvelope(ST_XMin(g.geom) - 1, ST_YMin(g.geom) - 1,
				     (ST_XMin(g.geom) + ST_XMax(g.geom)) / 2, ST_YMax(g.geom) + 1, 4326) box) b
				 where g.id = $1`,
				[grid.id]
			);
			const rows = [
				[{ code: parts.code, village_code: parts.village, name: '西片' }, JSON.parse(parts.west)],
				[{ code: `${parts.code}-E`, village_code: parts.village, name: '东片' }, JSON.parse(parts.east)]
			];
			const [{ b }] = await tx.query<{ b: { batch: string } }>(
				`select public.import_begin('grids', 'split.geojson') b`
			);
			await tx.query(`select public.import_stage_rows($1, $2, 0)`, [b.batch, JSON.stringify(rows)]);
			const [{ r }] = await tx.query<{ r: Record<string, number> }>(`select public.import_commit($1) r`, [
				b.batch
			]);
			await tx.query(`set constraints all immediate`);
			const [east] = await tx.query<{ n: number }>(
				`select count(*)::int n from households h join grids g on g.id = h.grid_id where g.code = $1`,
				[`${parts.code}-E`]
			);
			expect(east.n).toBeGreaterThan(0);
			expect(r).toMatchObject({ created: 1, updated: 1, redrawn: 1, households_moved: east.n });
			expect(await misplaced(tx, grid.village_id)).toBe(0);
		});
	});

	it('refuses an overlap, a grid that strands households and a delete that would', async () => {
		const grid = await busyGrid(t.db);
		// a copy of a grid over itself
		expect(
			await refusal(
				t.db,
				(tx) =>
					tx
						.query(
							`insert into grids (village_id, code, name, geom) select village_id, code || '-copy', name, geom from grids where id = $1`,
							[grid.id]
						)
						.then(() => undefined),
				{ flush: true }
			)
		).toMatch(/grid_overlap/);
		// the west half alone: the east households would lie in no grid
		expect(
			await refusal(
				t.db,
				async (tx) => {
					await tx.query(
						`update grids g set geom = ST_Multi(ST_CollectionExtract(ST_Intersection(g.geom, ST_MakeEnvelope(ST_XMin(g.geom) - 1,
					   ST_YMin(g.geom) - 1, (ST_XMin(g.geom) + ST_XMax(g.geom)) / 2, ST_YMax(g.geom) + 1, 4326)), 3)) where g.id = $1`,
						[grid.id]
					);
				},
				{ flush: true }
			)
		).toMatch(/grid_change_strands_households/);
		// deleting a grid nobody else covers
		expect(
			await refusal(
				t.db,
				async (tx) => {
					await tx.query(`delete from grid_assignments where grid_id = $1`, [grid.id]);
					await tx.query(`delete from grids where id = $1`, [grid.id]);
				},
				{ flush: true }
			)
		).toMatch(/grid_delete_strands_households/);
		// and nothing changed
		const after = await t.db.query<{ households: number }>(
			`select households::int from grid_household_counts where grid_id = $1`,
			[grid.id]
		);
		expect(after[0].households).toBe(grid.households);
	});
});
