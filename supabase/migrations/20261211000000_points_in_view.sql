-- Posts and officers inside a box (issue 18): a province's overview loads them for the view it
-- shows from zoom 10, not 118,000 officers for the first view. map_layer passes its bbox on. The
-- definitions are supabase/schemas/11_map_functions.sql.

set local search_path = "$user", public, extensions;

drop function public.layer_posts();
drop function public.layer_officers();

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

create or replace function public.map_layer(name text, bbox double precision[] default null) returns json
language plpgsql stable set search_path = public, extensions, pg_temp as $$
begin
  return case name
    when 'counties' then public.layer_areas('counties')
    when 'townships' then public.layer_areas('townships')
    when 'villages' then public.layer_villages()
    when 'grids' then public.layer_grids()
    when 'stations' then public.layer_stations()
    when 'posts' then public.layer_posts(bbox)
    when 'officers' then public.layer_officers(bbox)
    when 'incidents' then public.layer_incidents(30)
    when 'households' then public.layer_households(bbox)
    else null
  end;
end
$$;
