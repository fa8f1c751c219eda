-- A grid's and a village's facts carry their bounding box (issue 18): the overview over tiles
-- holds no outline, and fits a grid or village chosen from a link or the station's grid list to
-- this box. The definitions are supabase/schemas/11_map_functions.sql.

set local search_path = "$user", public, extensions;

create or replace function public.grid_facts(grid_id bigint) returns json
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

create or replace function public.village_facts(village_id bigint) returns json
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
