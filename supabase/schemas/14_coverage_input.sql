-- What the coverage-gap engine (src/lib/coverage) reads, in one call: villages, grids, officers,
-- the assignments in force, posts and stations, households, the current campaign's scope and
-- visits, and the county outlines. Security invoker, so row-level security decides what the
-- caller sees. Polygons keep full precision (15 decimals): the engine recognises grids cut from
-- their village by shared vertices. Households travel as columns (one array per field), because
-- a city has ~900,000 of them. `county_ids` narrows it to the villages of those counties (a city
-- of a province: the planner analyses what the user chose, not 60,000 grids at once); every
-- post and station stays a reach point, since reach crosses county lines.
create function public.coverage_input(county_ids bigint[] default null) returns json
language sql stable security invoker set search_path = public, extensions, pg_temp as $$
  with campaign as (
    select c.id, c.target_share from public.campaigns c where c.id = public.current_campaign_id()
  ), scope_villages as (
    select v.id, v.geom, t.county_id from public.villages v join public.townships t on t.id = v.township_id
    where county_ids is null or t.county_id = any(county_ids)
  ), scope_grids as (
    select g.id, g.village_id, g.geom from public.grids g where g.village_id in (select id from scope_villages)
  ), scope_households as (
    -- a city's households by their villages' index, not a scan of the province's 1.2 million
    select h.id, h.grid_id, h.residents, h.geom from public.households h where county_ids is null
    union all
    select h.id, h.grid_id, h.residents, h.geom
    from scope_villages v join public.households h on h.village_id = v.id
    where county_ids is not null
  )
  select json_build_object(
    'villages', (
      select coalesce(json_agg(json_build_object(
        'id', v.id, 'county_id', v.county_id, 'geometry', ST_AsGeoJSON(v.geom, 15)::json) order by v.id), '[]'::json)
      from scope_villages v),
    'grids', (
      select coalesce(json_agg(json_build_object(
        'id', g.id, 'village_id', g.village_id, 'geometry', ST_AsGeoJSON(g.geom, 15)::json) order by g.id), '[]'::json)
      from scope_grids g),
    'officers', (
      select coalesce(json_agg(json_build_object(
        'id', o.id, 'kind', o.kind, 'status', o.status, 'village_id', o.village_id) order by o.id), '[]'::json)
      from public.officers o
      where county_ids is null
         or o.station_id in (select s.id from public.stations s where s.county_id = any(county_ids))
         or o.village_id in (select id from scope_villages)
         or o.id in (select a.officer_id from public.grid_assignments a
                     where upper_inf(a.during) and a.grid_id in (select id from scope_grids))),
    'assignments', (
      select coalesce(json_agg(json_build_object(
        'grid_id', a.grid_id, 'officer_id', a.officer_id, 'role', a.role) order by a.grid_id, a.id), '[]'::json)
      from public.grid_assignments a where upper_inf(a.during) and lower(a.during) <= now()
        and (county_ids is null or a.grid_id in (select id from scope_grids))),
    'reach_points', (
      select coalesce(json_agg(json_build_object(
        'id', p.id, 'kind', p.kind, 'point', json_build_array(ST_X(p.geom), ST_Y(p.geom))) order by p.kind, p.id), '[]'::json)
      from (
        select id, kind, geom from public.posts
        union all
        select id, 'station', geom from public.stations
      ) p),
    'households', (
      select json_build_object(
        'id', coalesce(json_agg(h.id order by h.id), '[]'::json),
        'grid_id', coalesce(json_agg(h.grid_id order by h.id), '[]'::json),
        'residents', coalesce(json_agg(h.residents order by h.id), '[]'::json),
        'lon', coalesce(json_agg(ST_X(h.geom) order by h.id), '[]'::json),
        'lat', coalesce(json_agg(ST_Y(h.geom) order by h.id), '[]'::json))
      from scope_households h),
    'campaign', (
      select json_build_object('id', c.id, 'target_share', c.target_share,
        'grid_ids', coalesce((select json_agg(bg.grid_id order by bg.grid_id)
                              from public.campaign_block_grids bg where bg.campaign_id = c.id
                                and (county_ids is null or bg.grid_id in (select id from scope_grids))), '[]'::json))
      from campaign c),
    'visited_household_ids', (
      select coalesce(json_agg(distinct cv.household_id), '[]'::json)
      from public.campaign_visits cv join campaign c on c.id = cv.campaign_id
      where cv.outcome = 'visited' and (county_ids is null or cv.grid_id in (select id from scope_grids))),
    'counties', (
      select coalesce(json_agg(json_build_object(
        'id', c.id, 'geometry', ST_AsGeoJSON(c.geom, 15)::json) order by c.id), '[]'::json)
      from public.counties c where county_ids is null or c.id = any(county_ids))
  )
$$;

revoke execute on function public.coverage_input(bigint[]) from public, anon;
grant execute on function public.coverage_input(bigint[]) to authenticated;
