-- Each grid's responsible officer and figures by id (issue 18), for the map where villages and
-- grids come as tiles: public.grid_states; and village tiles carry where their name goes. The
-- definitions are supabase/schemas/34_map_tiles.sql.

set local search_path = "$user", public, extensions;

create or replace function app.tile_rows(layer text, area geometry default null)
returns table (id bigint, attributes jsonb, geom geometry)
language sql stable set search_path = public, extensions, pg_temp as $$
  select v.id, jsonb_strip_nulls(jsonb_build_object('id', v.id, 'name', v.name, 'code', v.code,
           'kind', v.kind, 'township_id', v.township_id, 'station_id', v.station_id,
           -- where the name goes: drawn by the tile that holds this point, so once
           'label_lon', round(ST_X(l.p)::numeric, 5), 'label_lat', round(ST_Y(l.p)::numeric, 5))), v.geom
  from public.villages v
  cross join lateral (select ST_PointOnSurface(v.geom) as p) l
  where tile_rows.layer = 'villages' and (area is null or v.geom && area)
  union all
  select g.id, jsonb_strip_nulls(jsonb_build_object('id', g.id, 'name', g.name, 'code', g.code,
           'village_id', g.village_id, 'station_id', v.station_id)), g.geom
  from public.grids g
  join public.villages v on v.id = g.village_id
  where tile_rows.layer = 'grids' and (area is null or g.geom && area)
$$;
create function public.grid_states() returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  with stats as (select * from public.grid_stats()),
  incidents as (
    select i.grid_id, count(*) as n from public.incidents i
    where i.occurred_at >= now() - interval '30 days' group by i.grid_id
  ),
  primary_officer as (
    select a.grid_id, a.officer_id from public.grid_assignments a
    where a.role = 'primary' and upper_inf(a.during)
  ),
  r as (
    select g.id, g.village_id, po.officer_id, s.households, coalesce(i.n, 0) as incidents_30d,
           case when s.in_campaign and s.households > 0
                then round(s.visited::numeric / s.households, 3) end as visited_share
    from public.grids g
    join stats s on s.grid_id = g.id
    left join primary_officer po on po.grid_id = g.id
    left join incidents i on i.grid_id = g.id
  )
  select json_build_object(
    'id', coalesce(json_agg(r.id order by r.id), '[]'::json),
    'village_id', coalesce(json_agg(r.village_id order by r.id), '[]'::json),
    'officer_id', coalesce(json_agg(r.officer_id order by r.id), '[]'::json),
    'households', coalesce(json_agg(r.households order by r.id), '[]'::json),
    'incidents_30d', coalesce(json_agg(r.incidents_30d order by r.id), '[]'::json),
    'visited_share', coalesce(json_agg(r.visited_share order by r.id), '[]'::json),
    -- the names of the officers responsible for a grid, once each
    'officers', (select json_build_object('id', coalesce(json_agg(o.id order by o.id), '[]'::json),
                                          'name', coalesce(json_agg(o.name order by o.id), '[]'::json))
                 from public.officers o where o.id in (select po.officer_id from primary_officer po)))
  from r
$$;
revoke execute on function public.grid_states() from public, anon;
grant execute on function public.grid_states() to authenticated;
