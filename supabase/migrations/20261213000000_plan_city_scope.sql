-- The planner analyses one city of a province at a time (issue 18): coverage_input(county_ids)
-- narrows the engine's input to the villages of the chosen counties (every post and station stays
-- a reach point), and the village and grid layers take the box of that city, as the officer and
-- post layers already do. The definitions are supabase/schemas/11_map_functions.sql and
-- 14_coverage_input.sql.

set local search_path = "$user", public, extensions;

drop function public.coverage_input();
drop function public.layer_villages();
drop function public.layer_grids();

create function public.layer_villages(bbox double precision[] default null) returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  with boxed as (
    select v.* from public.villages v
    where bbox is null or v.geom && ST_MakeEnvelope(bbox[1], bbox[2], bbox[3], bbox[4], 4326)
  ), per_village as (
    select g.village_id, count(*) as grids, sum(coalesce(c.households, 0)) as households,
           count(*) filter (where exists (
             select 1 from public.grid_assignments a
             where a.grid_id = g.id and a.role = 'primary' and upper_inf(a.during))) as grids_assigned
    from public.grids g left join public.grid_household_counts c on c.grid_id = g.id
    where bbox is null or g.village_id in (select b.id from boxed b)
    group by g.village_id
  ), incidents as (
    select i.village_id, count(*) as n from public.incidents i
    where i.occurred_at >= now() - interval '30 days' group by i.village_id
  ), assistants as (
    select o.village_id, count(*) as n from public.officers o
    where o.kind = 'assistant' and o.status = 'active' group by o.village_id
  )
  select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(f order by id), '[]'::json))
  from (
    select v.id, json_build_object('type', 'Feature', 'id', v.id,
      'properties', json_build_object(
        'id', v.id, 'name', v.name, 'code', v.code, 'kind', v.kind,
        'township_id', v.township_id, 'township', t.name, 'station_id', v.station_id,
        'population', v.population, 'households', coalesce(pv.households, 0),
        'grids', coalesce(pv.grids, 0), 'grids_assigned', coalesce(pv.grids_assigned, 0),
        'assistants', coalesce(a.n, 0), 'incidents_30d', coalesce(i.n, 0),
        'label', ST_AsGeoJSON(ST_PointOnSurface(v.geom), 5)::json -> 'coordinates'),
      'geometry', ST_AsGeoJSON(v.geom, 5)::json) as f
    from boxed v
    join public.townships t on t.id = v.township_id
    left join per_village pv on pv.village_id = v.id
    left join incidents i on i.village_id = v.id
    left join assistants a on a.village_id = v.id
  ) x
$$;

create function public.layer_grids(bbox double precision[] default null) returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  with boxed as (
    select g.* from public.grids g
    where bbox is null or g.geom && ST_MakeEnvelope(bbox[1], bbox[2], bbox[3], bbox[4], 4326)
  ),
  -- a box's grids' figures only (no grid in the box: null, every grid, and the join drops them)
  stats as (select * from public.grid_stats(case when bbox is not null then (select array_agg(b.id) from boxed b) end)),
  incidents as (
    select i.grid_id, count(*) as n from public.incidents i
    where i.occurred_at >= now() - interval '30 days' group by i.grid_id
  ),
  primary_officer as (
    select a.grid_id, o.id as officer_id, o.name, o.kind
    from public.grid_assignments a join public.officers o on o.id = a.officer_id
    where a.role = 'primary' and upper_inf(a.during)
  )
  select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(f order by id), '[]'::json))
  from (
    select g.id, json_build_object('type', 'Feature', 'id', g.id,
      'properties', json_build_object(
        'id', g.id, 'name', g.name, 'code', g.code, 'village_id', g.village_id,
        'officer_id', po.officer_id, 'officer', po.name,
        'households', s.households, 'incidents_30d', coalesce(i.n, 0),
        'visited_share', case when s.in_campaign and s.households > 0
                              then round(s.visited::numeric / s.households, 3) end),
      'geometry', ST_AsGeoJSON(g.geom, 5)::json) as f
    from boxed g
    join stats s on s.grid_id = g.id
    left join primary_officer po on po.grid_id = g.id
    left join incidents i on i.grid_id = g.id
  ) x
$$;

create or replace function public.map_layer(name text, bbox double precision[] default null) returns json
language plpgsql stable set search_path = public, extensions, pg_temp as $$
begin
  return case name
    when 'counties' then public.layer_areas('counties')
    when 'townships' then public.layer_areas('townships')
    when 'villages' then public.layer_villages(bbox)
    when 'grids' then public.layer_grids(bbox)
    when 'stations' then public.layer_stations()
    when 'posts' then public.layer_posts(bbox)
    when 'officers' then public.layer_officers(bbox)
    when 'incidents' then public.layer_incidents(30)
    when 'households' then public.layer_households(bbox)
    else null
  end;
end
$$;

create function public.coverage_input(county_ids bigint[] default null) returns json
language sql stable security invoker set search_path = public, extensions, pg_temp as $$
  with campaign as (
    select c.id, c.target_share from public.campaigns c where c.id = public.current_campaign_id()
  ), scope_villages as (
    select v.id, v.geom, t.county_id from public.villages v join public.townships t on t.id = v.township_id
    where county_ids is null or t.county_id = any(county_ids)
  ), scope_grids as (
    select g.id, g.village_id, g.geom from public.grids g where g.village_id in (select id from scope_villages)
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
      from public.households h
      where county_ids is null or h.village_id in (select id from scope_villages)),
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
