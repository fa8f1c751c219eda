// The six coverage analyses (and the invalid-geometry check) written in PostGIS: the oracle the
// engine is compared with, and the benchmark's peer. Areas are spherical (see SPHERE_LAEA) like
// the engine's, distances use `geography` on the sphere; reach buffers are the same 64-gon with vertices at
// R on the sphere; overlays snap to 1e-9° because PGlite's GEOS silently drops full-precision
// overlays of nearly coincident edges. The sources are relations with fixed columns, so the same
// SQL runs on the demo tables and on a fixture loaded into temporary tables.
import type { SqlTransaction } from '../../src/lib/server/db/sql.ts';
import type { CoverageInput } from '../../src/lib/coverage/input.ts';

/**
 * Areas on the sphere: PostGIS's `ST_Area(geography, false)` is not one (against the exact
 * spherical area it reads 0.993 at the equator and 1.003 at 60°N), so areas are measured in a
 * Lambert equal-area projection of Turf's sphere, which keeps spherical areas to 1e-8 on
 * village-sized shapes anywhere in China.
 */
const SPHERE_LAEA = '+proj=laea +lat_0=30 +lon_0=110 +R=6371008.8 +units=m +no_defs';

export interface OracleSources {
	/** id, county_id, geom */
	villages: string;
	/** id, village_id, geom */
	grids: string;
	/** id, kind, active, village_id */
	officers: string;
	/** grid_id, officer_id, role (active ones) */
	assignments: string;
	/** kind, geom */
	reachPoints: string;
	/** id, grid_id, residents, geom */
	households: string;
	/** id, target_share (zero or one row) */
	campaign: string;
	/** grid_id */
	campaignGrids: string;
	/** household_id */
	visited: string;
}

export const DEMO_SOURCES: OracleSources = {
	villages:
		'(select v.id, t.county_id, v.geom from public.villages v join public.townships t on t.id = v.township_id)',
	grids: '(select id, village_id, geom from public.grids)',
	officers: "(select id, kind, status = 'active' as active, village_id from public.officers)",
	assignments:
		'(select grid_id, officer_id, role from public.grid_assignments where upper_inf(during) and lower(during) <= now())',
	reachPoints: "(select kind, geom from public.posts union all select 'station', geom from public.stations)",
	households: '(select id, grid_id, residents, geom from public.households)',
	campaign: '(select id, target_share from public.campaigns where id = public.current_campaign_id())',
	campaignGrids:
		'(select grid_id from public.campaign_block_grids where campaign_id = public.current_campaign_id())',
	visited:
		"(select distinct household_id from public.campaign_visits where campaign_id = public.current_campaign_id() and outcome = 'visited')"
};

export const TEMP_SOURCES: OracleSources = {
	villages: 'pg_temp.cov_villages',
	grids: 'pg_temp.cov_grids',
	officers: 'pg_temp.cov_officers',
	assignments: 'pg_temp.cov_assignments',
	reachPoints: 'pg_temp.cov_reach_points',
	households: 'pg_temp.cov_households',
	campaign: 'pg_temp.cov_campaign',
	campaignGrids: 'pg_temp.cov_campaign_grids',
	visited: 'pg_temp.cov_visited'
};

export interface OracleRow {
	kind: string;
	id: string;
	households: number;
	population: number;
	area_km2: number | null;
	detail: string | null;
}

export interface OracleOptions {
	reachKm: number;
	workloadLimit: number;
	minGapAreaM2: number;
}

/** One statement returning every finding as (kind, id, households, population, area_km2, detail). */
export function oracleSql(s: OracleSources, o: OracleOptions): string {
	const reachM = o.reachKm * 1000 + 0.001;
	const minKm2 = o.minGapAreaM2 / 1e6;
	// a box in degrees that holds the reach anywhere south of 60°N (index pre-filter only)
	const BOX_DEG = (2 * reachM) / 111_000;
	return `
with v_all as (select id, county_id, geom from ${s.villages} src_v),
g_all as (select g.id, g.village_id, g.geom from ${s.grids} g where g.village_id in (select id from v_all)),
v as (select * from v_all where ST_IsValid(geom) and not ST_IsEmpty(geom)),
g as (select * from g_all where ST_IsValid(geom) and not ST_IsEmpty(geom)),
o as (select * from ${s.officers} src_o),
a as (select * from ${s.assignments} src_a),
prim as (
  select distinct on (a.grid_id) a.grid_id, a.officer_id
  from a join o on o.id = a.officer_id and o.active where a.role = 'primary' order by a.grid_id, a.officer_id),
h as (select * from ${s.households} src_h),
-- a household belongs to its grid's village; one in no known grid to the valid village it lies in
hv as (
  select h.id, h.grid_id, h.residents, h.geom, g_all.village_id
  from h join g_all on g_all.id = h.grid_id
  union all
  select h.id, null, h.residents, h.geom, v.id
  from h join v on ST_Intersects(v.geom, h.geom)
  where h.grid_id is null or h.grid_id not in (select id from g_all)),
rp as (select row_number() over () as idx, geom from ${s.reachPoints} src_rp),
circle as (
  select rp.idx, rp.geom as center,
    ST_SetSRID(ST_MakePolygon(ST_MakeLine(array_agg(ST_MakePoint(
      degrees(radians(ST_X(rp.geom)) + atan2(sin(az) * sin(d) * cos(lat1), cos(d) - sin(lat1) * sin(asin(sin(lat1) * cos(d) + cos(lat1) * sin(d) * cos(az))))),
      degrees(asin(sin(lat1) * cos(d) + cos(lat1) * sin(d) * cos(az)))) order by i))), 4326) as geom
  from rp cross join lateral (
    select i, radians(-((i % 64) * 360.0 / 64)) as az, ${o.reachKm * 1000} / 6371008.8 as d, radians(ST_Y(rp.geom)) as lat1
    from generate_series(0, 64) i) k
  group by rp.idx, rp.geom),
grid_hh as (select grid_id, count(*)::int n, sum(residents)::int r from hv where grid_id is not null group by grid_id),
loose_hh as (select village_id, count(*)::int n, sum(residents)::int r from hv where grid_id is null group by village_id),
unassigned as (
  select 'grid_unassigned'::text kind, 'grid_unassigned:' || g_all.id id,
    coalesce(gh.n, 0) households, coalesce(gh.r, 0) population,
    case when ST_IsValid(g_all.geom) then ST_Area(ST_Transform(g_all.geom, '${SPHERE_LAEA}')) / 1e6 else 0 end area_km2, null::text detail
  from g_all left join grid_hh gh on gh.grid_id = g_all.id where g_all.id not in (select grid_id from prim)),
village_hh as (select village_id, count(*)::int n, sum(residents)::int r from hv group by village_id),
staffing as (
  select 'village_no_officer' kind, 'village_no_officer:' || v_all.id id, coalesce(vh.n, 0), coalesce(vh.r, 0), null::float8, null::text
  from v_all left join village_hh vh on vh.village_id = v_all.id
  where not exists (select 1 from a join o on o.id = a.officer_id and o.active and o.kind <> 'assistant'
                    join g_all on g_all.id = a.grid_id where g_all.village_id = v_all.id)
  union all
  select 'village_no_assistant', 'village_no_assistant:' || v_all.id, coalesce(vh.n, 0), coalesce(vh.r, 0), null, null
  from v_all left join village_hh vh on vh.village_id = v_all.id
  where not exists (select 1 from o where o.kind = 'assistant' and o.active and o.village_id = v_all.id)),
per_village as (
  select v.id, v.geom,
    (select ST_Union(g.geom) from g where g.village_id = v.id) all_grids,
    (select ST_Union(g.geom) from g where g.village_id = v.id and g.id in (select grid_id from prim)) covered,
    (select ST_Union(g.geom) from g where g.village_id = v.id and g.id not in (select grid_id from prim)) uncovered,
    (select array_agg(g.id order by g.id) from g where g.village_id = v.id and g.id not in (select grid_id from prim)) uncovered_ids
  from v),
gaps as (
  select pv.id, case when pv.all_grids is null then pv.geom else ST_Difference(pv.geom, pv.all_grids, 1e-9) end outside,
    case when pv.uncovered is null then null
         when pv.covered is null then ST_Intersection(pv.uncovered, pv.geom, 1e-9)
         else ST_Difference(ST_Intersection(pv.uncovered, pv.geom, 1e-9), pv.covered, 1e-9) end uncovered,
    pv.uncovered_ids
  from per_village pv),
gap_rows as (
  select * from (
    select 'village_outside_grids' kind, 'village_outside_grids:' || gaps.id id,
      coalesce(lh.n, 0) households, coalesce(lh.r, 0) population,
      coalesce(ST_Area(ST_Transform(gaps.outside, '${SPHERE_LAEA}')), 0) / 1e6 area_km2, null::text detail
    from gaps left join loose_hh lh on lh.village_id = gaps.id) x where x.area_km2 >= ${minKm2} or x.households > 0
  union all
  select * from (
    select 'village_uncovered_grids', 'village_uncovered_grids:' || gaps.id,
      (select coalesce(sum(gh.n), 0) from grid_hh gh where gh.grid_id = any(gaps.uncovered_ids))::int households,
      (select coalesce(sum(gh.r), 0) from grid_hh gh where gh.grid_id = any(gaps.uncovered_ids))::int population,
      coalesce(ST_Area(ST_Transform(gaps.uncovered, '${SPHERE_LAEA}')), 0) / 1e6 area_km2, array_to_string(gaps.uncovered_ids, ',')
    from gaps where gaps.uncovered_ids is not null) y where y.area_km2 >= ${minKm2} or y.households > 0
  union all
  select 'grid_outside_village', 'grid_outside_village:' || g.id, 0, 0,
    ST_Area(ST_Transform(ST_Difference(g.geom, v.geom, 1e-9), '${SPHERE_LAEA}')) / 1e6, null
  from g join v on v.id = g.village_id
  where ST_Area(ST_Transform(ST_Difference(g.geom, v.geom, 1e-9), '${SPHERE_LAEA}')) > 1),
reaching as (
  select v.id, array_agg(c.idx) idxs, ST_Union(c.geom) buffers
  from v join circle c on c.center && ST_Expand(v.geom, ${BOX_DEG})
    and ST_DWithin(v.geom::geography, c.center::geography, ${reachM}, false)
  group by v.id),
beyond as (
  select hv.village_id, count(*)::int n, sum(hv.residents)::int r from hv
  -- straight from the source, so the demo tables' GiST indexes serve the box test
  where not exists (select 1 from ${s.reachPoints} rp0 where rp0.geom && ST_Expand(hv.geom, ${BOX_DEG})
                    and ST_DWithin(hv.geom::geography, rp0.geom::geography, ${reachM}, false))
  group by hv.village_id),
reach_rows as (
  select 'village_out_of_reach' kind, 'village_out_of_reach:' || v.id id, coalesce(b.n, 0) households, coalesce(b.r, 0) population,
    ST_Area(ST_Transform(v.geom, '${SPHERE_LAEA}')) / 1e6 area_km2,
    ((select min(ST_Distance(v.geom::geography, rp.geom::geography, false)) from rp) / 1000)::text detail
  from v left join beyond b on b.village_id = v.id where v.id not in (select id from reaching)
  union all
  select * from (
    select 'reach_gap' kind, 'reach_gap:' || v.id id, coalesce(b.n, 0) households, coalesce(b.r, 0) population,
      coalesce(ST_Area(ST_Transform(ST_Difference(v.geom, r.buffers, 1e-9), '${SPHERE_LAEA}')), 0) / 1e6 area_km2, v.county_id::text
    from v join reaching r on r.id = v.id left join beyond b on b.village_id = v.id) z
  where z.area_km2 >= ${minKm2} or z.households > 0),
camp as (select id, round(target_share * 1000)::int permille from ${s.campaign} src_c limit 1),
visited as (select distinct household_id from ${s.visited} src_vi),
scope_hh as (
  select hv.grid_id, hv.id, hv.residents, vi.household_id is not null as seen
  from hv left join visited vi on vi.household_id = hv.id
  where hv.grid_id in (select grid_id from ${s.campaignGrids} src_cg)),
scope_grids as (
  select g_all.id, g_all.village_id,
    count(sh.id)::int total, (count(sh.id) filter (where sh.seen))::int visited,
    coalesce(sum(sh.residents) filter (where not sh.seen), 0)::int unvisited_residents,
    array_agg(sh.id order by sh.id) filter (where not sh.seen) unvisited_ids
  from g_all left join scope_hh sh on sh.grid_id = g_all.id
  where g_all.id in (select grid_id from ${s.campaignGrids} src_cg)
  group by g_all.id, g_all.village_id),
campaign_rows as (
  select 'campaign_grid_shortfall' kind, 'campaign_grid_shortfall:' || camp.id || ':' || sg.id id,
    sg.total - sg.visited households, sg.unvisited_residents population, null::float8 area_km2,
    array_to_string(sg.unvisited_ids, ',') detail
  from scope_grids sg, camp where sg.visited * 1000 < camp.permille * sg.total
  union all
  select 'campaign_village_shortfall', 'campaign_village_shortfall:' || camp.id || ':' || sg.village_id,
    (sum(sg.total) - sum(sg.visited))::int, sum(sg.unvisited_residents)::int, null, null
  from scope_grids sg, camp group by camp.id, camp.permille, sg.village_id
  having sum(sg.visited) * 1000 < camp.permille * sum(sg.total)),
workload as (
  select 'officer_overloaded' kind, 'officer_overloaded:' || prim.officer_id id,
    coalesce(sum(gh.n), 0)::int households, coalesce(sum(gh.r), 0)::int population, null::float8 area_km2,
    (select string_agg(p2.grid_id::text, ',' order by p2.grid_id) from prim p2 where p2.officer_id = prim.officer_id) detail
  from prim join g_all on g_all.id = prim.grid_id left join grid_hh gh on gh.grid_id = prim.grid_id
  group by prim.officer_id having coalesce(sum(gh.n), 0) > ${o.workloadLimit}),
invalid as (
  select 'invalid_geometry' kind, 'village:' || id id, 0, 0, null::float8, null::text from v_all where not ST_IsValid(geom)
  union all
  select 'invalid_geometry', 'grid:' || id, 0, 0, null, null from ${s.grids} g0 where not ST_IsValid(g0.geom))
select * from unassigned
union all select * from staffing
union all select * from gap_rows
union all select * from reach_rows
union all select * from campaign_rows
union all select * from workload
union all select * from invalid`;
}

/** County outline minus the union of every reach buffer, per county (km²). */
export function countyReachSql(reachKm: number): string {
	return `
with rp as (select geom from public.posts union all select geom from public.stations),
circle as (
  select ST_SetSRID(ST_MakePolygon(ST_MakeLine(array_agg(ST_MakePoint(
      degrees(radians(ST_X(rp.geom)) + atan2(sin(az) * sin(d) * cos(lat1), cos(d) - sin(lat1) * sin(asin(sin(lat1) * cos(d) + cos(lat1) * sin(d) * cos(az))))),
      degrees(asin(sin(lat1) * cos(d) + cos(lat1) * sin(d) * cos(az)))) order by i))), 4326) as geom
  from rp cross join lateral (
    select i, radians(-((i % 64) * 360.0 / 64)) as az, ${reachKm * 1000} / 6371008.8 as d, radians(ST_Y(rp.geom)) as lat1
    from generate_series(0, 64) i) k
  group by rp.geom)
select c.id, ST_Area(ST_Transform(ST_Difference(c.geom, (select ST_Union(geom) from circle where circle.geom && c.geom), 1e-9), '${SPHERE_LAEA}')) / 1e6 as km2
from public.counties c order by c.id`;
}

/** Loads an engine input into the temporary tables of TEMP_SOURCES (inside a transaction). */
export async function loadTempSources(tx: SqlTransaction, input: CoverageInput): Promise<void> {
	await tx.exec(`
create temp table cov_villages (id bigint, county_id bigint, geom geometry) on commit drop;
create temp table cov_grids (id bigint, village_id bigint, geom geometry) on commit drop;
create temp table cov_officers (id bigint, kind text, active boolean, village_id bigint) on commit drop;
create temp table cov_assignments (grid_id bigint, officer_id bigint, role text) on commit drop;
create temp table cov_reach_points (kind text, geom geometry) on commit drop;
create temp table cov_households (id bigint, grid_id bigint, residents int, geom geometry) on commit drop;
create temp table cov_campaign (id bigint, target_share numeric) on commit drop;
create temp table cov_campaign_grids (grid_id bigint) on commit drop;
create temp table cov_visited (household_id bigint) on commit drop;`);
	const json = (rows: unknown[]) => JSON.stringify(rows);
	const geo = "ST_SetSRID(ST_GeomFromGeoJSON(r->>'geometry'), 4326)";
	await tx.query(
		`insert into cov_villages select (r->>'id')::bigint, (r->>'countyId')::bigint, ${geo} from json_array_elements($1::text::json) r`,
		[json(input.villages)]
	);
	await tx.query(
		`insert into cov_grids select (r->>'id')::bigint, (r->>'villageId')::bigint, ${geo} from json_array_elements($1::text::json) r`,
		[json(input.grids)]
	);
	await tx.query(
		`insert into cov_officers select (r->>'id')::bigint, r->>'kind', (r->>'active')::boolean, (r->>'villageId')::bigint from json_array_elements($1::text::json) r`,
		[json(input.officers)]
	);
	await tx.query(
		`insert into cov_assignments select (r->>'gridId')::bigint, (r->>'officerId')::bigint, r->>'role' from json_array_elements($1::text::json) r`,
		[json(input.assignments)]
	);
	await tx.query(
		`insert into cov_reach_points select r->>'kind', ST_SetSRID(ST_MakePoint((r->'point'->>0)::float8, (r->'point'->>1)::float8), 4326) from json_array_elements($1::text::json) r`,
		[json(input.reachPoints)]
	);
	await tx.query(
		`insert into cov_households select (r->>'id')::bigint, (r->>'gridId')::bigint, (r->>'residents')::int, ST_SetSRID(ST_MakePoint((r->'point'->>0)::float8, (r->'point'->>1)::float8), 4326) from json_array_elements($1::text::json) r`,
		[json(input.households)]
	);
	if (input.campaign) {
		await tx.query('insert into cov_campaign values ($1, $2)', [
			input.campaign.id,
			input.campaign.targetShare
		]);
		await tx.query('insert into cov_campaign_grids select unnest($1::bigint[])', [
			`{${input.campaign.gridIds.join(',')}}`
		]);
		const visited = [
			...new Set(input.visits.filter((x) => x.outcome === 'visited').map((x) => x.householdId))
		];
		await tx.query('insert into cov_visited select unnest($1::bigint[])', [`{${visited.join(',')}}`]);
	}
}
