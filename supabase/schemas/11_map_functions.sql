-- What the map reads, as RPC functions (security invoker: row-level security applies to the
-- caller). Polygons leave as GeoJSON with 5 decimals (~1 m); points as compact columns, so a
-- city's first view stays a few megabytes. Personal data is never part of a layer.

-- Households and the current campaign's visited households per grid, shared by the grid layer and
-- the facts panels; `some_grids` limits the work to some grids (a panel) instead of the whole
-- jurisdiction.
create function public.grid_stats(some_grids bigint[] default null)
returns table (grid_id bigint, households bigint, residents bigint, in_campaign boolean, visited bigint)
language sql stable set search_path = public, extensions, pg_temp as $$
  with campaign as (select public.current_campaign_id() as id),
  v as (
    select cv.grid_id, count(distinct cv.household_id) as visited
    from public.campaign_visits cv, campaign
    where cv.campaign_id = campaign.id and cv.outcome = 'visited' and (some_grids is null or cv.grid_id = any(some_grids))
    group by cv.grid_id
  ), scope as (
    select bg.grid_id from public.campaign_block_grids bg, campaign where bg.campaign_id = campaign.id
  )
  select g.id, coalesce(c.households, 0), coalesce(c.residents, 0),
         g.id in (select s.grid_id from scope s), coalesce(v.visited, 0)
  from public.grids g
  left join public.grid_household_counts c on c.grid_id = g.id
  left join v on v.grid_id = g.id
  where some_grids is null or g.id = any(some_grids)
$$;

create function public.layer_areas(level text) returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(f), '[]'::json))
  from (
    select json_build_object('type', 'Feature', 'id', a.id,
      'properties', json_build_object('id', a.id, 'name', a.name, 'code', a.code, 'parent_id', a.parent_id),
      'geometry', ST_AsGeoJSON(a.geom, 5)::json) as f
    from (
      select c.id, c.name, c.code, null::bigint as parent_id, c.geom from public.counties c where level = 'counties'
      union all
      select t.id, t.name, t.code, t.county_id, t.geom from public.townships t where level = 'townships'
    ) a order by a.id
  ) x
$$;

-- Households per village straight from the per-grid counts, not from grid_stats: grid_stats
-- also counts the campaign's visits, which this layer does not show (and, not being inlinable
-- since its search_path is pinned, it cannot leave them out). With a box [west, south, east,
-- north], the villages that touch it (the planner's chosen city of a province).
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

-- Each grid carries its incidents of the last 30 days (what the village layer has per village):
-- the station head's grid list sorts by them. With a box, the grids that touch it.
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

-- Point layers travel as columns: one array per field, positions as [lon, lat] pairs.
create function public.layer_stations() returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  select json_build_object(
    'id', coalesce(json_agg(s.id order by s.id), '[]'::json),
    'name', coalesce(json_agg(s.name order by s.id), '[]'::json),
    'position', coalesce(json_agg(json_build_array(round(ST_X(s.geom)::numeric, 5), round(ST_Y(s.geom)::numeric, 5)) order by s.id), '[]'::json))
  from public.stations s
$$;

-- Posts and officers: the whole jurisdiction, or inside `bbox` (west, south, east, north): a
-- province's map loads them for the view it shows (issue 18).
create function public.layer_posts(bbox double precision[] default null) returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  select json_build_object(
    'id', coalesce(json_agg(p.id order by p.id), '[]'::json),
    'name', coalesce(json_agg(p.name order by p.id), '[]'::json),
    'kind', coalesce(json_agg(p.kind order by p.id), '[]'::json),
    'station_id', coalesce(json_agg(p.station_id order by p.id), '[]'::json),
    'position', coalesce(json_agg(json_build_array(round(ST_X(p.geom)::numeric, 5), round(ST_Y(p.geom)::numeric, 5)) order by p.id), '[]'::json))
  from public.posts p
  where bbox is null or p.geom && ST_MakeEnvelope(bbox[1], bbox[2], bbox[3], bbox[4], 4326)
$$;

create function public.layer_officers(bbox double precision[] default null) returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  select json_build_object(
    'id', coalesce(json_agg(o.id order by o.id), '[]'::json),
    'name', coalesce(json_agg(o.name order by o.id), '[]'::json),
    'kind', coalesce(json_agg(o.kind order by o.id), '[]'::json),
    'station_id', coalesce(json_agg(o.station_id order by o.id), '[]'::json),
    'position', coalesce(json_agg(json_build_array(round(ST_X(o.geom)::numeric, 5), round(ST_Y(o.geom)::numeric, 5)) order by o.id), '[]'::json))
  from public.officers o
  where o.status = 'active' and o.geom is not null
    and (bbox is null or o.geom && ST_MakeEnvelope(bbox[1], bbox[2], bbox[3], bbox[4], 4326))
$$;

create function public.layer_incidents(days integer default 30) returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  select json_build_object(
    'id', coalesce(json_agg(i.id order by i.occurred_at), '[]'::json),
    'category', coalesce(json_agg(i.category order by i.occurred_at), '[]'::json),
    'status', coalesce(json_agg(i.status order by i.occurred_at), '[]'::json),
    -- epoch seconds: shorter than ISO strings and what a time filter compares anyway
    'time', coalesce(json_agg(extract(epoch from i.occurred_at)::bigint order by i.occurred_at), '[]'::json),
    'position', coalesce(json_agg(json_build_array(round(ST_X(i.geom)::numeric, 5), round(ST_Y(i.geom)::numeric, 5)) order by i.occurred_at), '[]'::json))
  from public.incidents i
  where i.occurred_at >= now() - make_interval(days => days)
$$;

-- Households only inside a small box (close zoom); never the personal fields.
create function public.layer_households(bbox double precision[]) returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  with box as (
    select ST_MakeEnvelope(bbox[1], bbox[2], bbox[3], bbox[4], 4326) as g
    where array_length(bbox, 1) = 4 and (bbox[3] - bbox[1]) * (bbox[4] - bbox[2]) <= 0.01
  ), h as (
    select hh.id, hh.elderly_alone, hh.past_fraud_victim, hh.geom
    from public.households hh, box where hh.geom && box.g
    order by hh.id limit 20000
  ), visited as (
    -- one pass over the box's visits instead of a lookup per household
    select distinct cv.household_id from public.campaign_visits cv
    where cv.household_id in (select id from h) and cv.outcome = 'visited'
      and cv.campaign_id = (select public.current_campaign_id())
  )
  select json_build_object(
    'id', coalesce(json_agg(h.id order by h.id), '[]'::json),
    'visited', coalesce(json_agg(v.household_id is not null order by h.id), '[]'::json),
    'vulnerable', coalesce(json_agg(h.elderly_alone or h.past_fraud_victim order by h.id), '[]'::json),
    'position', coalesce(json_agg(json_build_array(round(ST_X(h.geom)::numeric, 6), round(ST_Y(h.geom)::numeric, 6)) order by h.id), '[]'::json))
  from h left join visited v on v.household_id = h.id
$$;

-- One entry point for the map, as in DESIGN.md: map_layer(name, bbox).
create function public.map_layer(name text, bbox double precision[] default null) returns json
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

-- The side panel for one grid: its facts and its assignment history.
create function public.grid_facts(grid_id bigint) returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  select json_build_object(
    'id', g.id, 'name', g.name, 'code', g.code,
    'village_id', v.id, 'village', v.name, 'township', t.name, 'station', st.name,
    'households', s.households, 'residents', s.residents,
    'vulnerable', (select count(*) from public.households h
                   where h.grid_id = g.id and (h.elderly_alone or h.past_fraud_victim)),
    'incidents_month', (select count(*) from public.incidents i
                        where i.grid_id = g.id and i.occurred_at >= date_trunc('month', now())),
    'visited_share', case when s.in_campaign and s.households > 0
                          then round(s.visited::numeric / s.households, 3) end,
    'area_km2', round((ST_Area(g.geom::geography) / 1e6)::numeric, 3),
    -- where the map goes to show it: a tiled map holds no outline to fit
    'bbox', json_build_array(round(ST_XMin(g.geom)::numeric, 5), round(ST_YMin(g.geom)::numeric, 5),
                             round(ST_XMax(g.geom)::numeric, 5), round(ST_YMax(g.geom)::numeric, 5)),
    'officers', coalesce((
      select json_agg(json_build_object('id', o.id, 'name', o.name, 'kind', o.kind, 'role', a.role,
                                        'since', lower(a.during)) order by a.role desc, o.name)
      from public.grid_assignments a join public.officers o on o.id = a.officer_id
      where a.grid_id = g.id and upper_inf(a.during)), '[]'::json),
    'history', coalesce((
      select json_agg(json_build_object('name', o.name, 'role', a.role,
                                        'from', lower(a.during), 'to', upper(a.during)) order by lower(a.during) desc)
      from public.grid_assignments a join public.officers o on o.id = a.officer_id
      where a.grid_id = g.id and not upper_inf(a.during)), '[]'::json))
  from public.grids g
  join public.villages v on v.id = g.village_id
  join public.townships t on t.id = v.township_id
  join public.stations st on st.id = v.station_id
  join public.grid_stats(array[grid_facts.grid_id]) s on s.grid_id = g.id
  where g.id = grid_facts.grid_id
$$;

create function public.village_facts(village_id bigint) returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  with g as (
    select gs.* from public.grid_stats(
      (select array_agg(gr.id) from public.grids gr where gr.village_id = village_facts.village_id)) gs
  )
  select json_build_object(
    'id', v.id, 'name', v.name, 'code', v.code, 'kind', v.kind,
    'township', t.name, 'station', st.name, 'population', v.population,
    'households', (select coalesce(sum(households), 0) from g),
    'grids', (select count(*) from g),
    'grids_assigned', (select count(*) from public.grids gr
                       where gr.village_id = v.id and exists (
                         select 1 from public.grid_assignments a
                         where a.grid_id = gr.id and a.role = 'primary' and upper_inf(a.during))),
    'incidents_month', (select count(*) from public.incidents i
                        where i.village_id = v.id and i.occurred_at >= date_trunc('month', now())),
    'visited_share', (select case when sum(households) filter (where in_campaign) > 0
                                  then round(sum(visited) filter (where in_campaign)::numeric
                                             / sum(households) filter (where in_campaign), 3) end from g),
    'assistants', coalesce((select json_agg(o.name order by o.name) from public.officers o
                            where o.village_id = v.id and o.kind = 'assistant' and o.status = 'active'), '[]'::json),
    'area_km2', round((ST_Area(v.geom::geography) / 1e6)::numeric, 3),
    'bbox', json_build_array(round(ST_XMin(v.geom)::numeric, 5), round(ST_YMin(v.geom)::numeric, 5),
                             round(ST_XMax(v.geom)::numeric, 5), round(ST_YMax(v.geom)::numeric, 5)))
  from public.villages v
  join public.townships t on t.id = v.township_id
  join public.stations st on st.id = v.station_id
  where v.id = village_facts.village_id
$$;

-- Headline figures for the top bar. The map opens on what the caller may see: a station head on
-- their station's villages, the command room on its whole jurisdiction (villages are read under
-- row-level security).
create function public.map_summary() returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  with s as (select * from public.grid_stats())
  select json_build_object(
    'counties', (select count(*) from public.counties),
    'villages', (select count(*) from public.villages),
    'grids', (select count(*) from s),
    'grids_assigned', (select count(distinct a.grid_id) from public.grid_assignments a
                       where a.role = 'primary' and upper_inf(a.during)),
    'households', (select coalesce(sum(households), 0) from s),
    'officers', (select count(*) from public.officers where status = 'active' and kind <> 'assistant'),
    'assistants', (select count(*) from public.officers where status = 'active' and kind = 'assistant'),
    'incidents_30d', (select count(*) from public.incidents where occurred_at >= now() - interval '30 days'),
    'campaign', (select json_build_object('id', c.id, 'name', c.name, 'target_share', c.target_share,
                   'households', (select sum(households) from s where in_campaign),
                   'visited', (select sum(visited) from s where in_campaign))
                 from public.campaigns c where c.id = public.current_campaign_id()),
    'bbox', (select json_build_array(ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e))
             from (select coalesce((select ST_Extent(geom) from public.villages),
                                   (select ST_Extent(geom) from public.counties))::geometry as e) x))
$$;

grant execute on function public.map_layer(text, double precision[]), public.grid_facts(bigint),
  public.village_facts(bigint), public.map_summary() to authenticated;
-- Functions are executable by PUBLIC by default; the app's functions are for signed-in users.
revoke execute on function public.map_layer(text, double precision[]), public.grid_facts(bigint),
  public.village_facts(bigint), public.map_summary() from public, anon;
