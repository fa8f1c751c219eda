-- Vector tiles of the polygon layers (issue 18). Past a city, villages and grids reach the map as
-- Mapbox Vector Tiles instead of one GeoJSON document. A tile holds outlines and what changes with
-- them only (ids, names, village, station); what changes by the minute (the responsible officer,
-- visits, incidents) travels apart and colours the tiles by feature id, so an assignment leaves
-- every tile as it was.
--
-- PostGIS builds a tile with ST_AsMVT (public.map_tile). PGlite's PostGIS is built without
-- protobuf-c, so there the app cuts the same rows (public.tile_features) with a JavaScript tiler.
-- Both read app.tile_rows as the caller: row-level security decides what a tile holds.

-- How new the tiles of a layer are. Every transaction that writes villages or grids bumps it once,
-- at commit, whichever path it takes (the editor, an import, plain SQL in Studio); the app's tile
-- caches key on it, so a changed outline is never served from a cache. Both layers move together
-- (a grid's tile carries its village's station), in one statement, so two writers lock the rows
-- in the same order and only for the moment of their commit.
create table app.layer_versions (
  layer text primary key check (layer in ('villages', 'grids')),
  version bigint not null default 0
);
insert into app.layer_versions (layer) values ('villages'), ('grids');
grant select on app.layer_versions to authenticated;

-- Security definer: a station head's edit bumps a table they may not write. A constraint trigger
-- runs per row, at commit: the first row of the transaction bumps, the others find it done.
create function app.bump_layer_versions() returns trigger
language plpgsql security definer set search_path = public, extensions, pg_temp as $$
begin
  if current_setting('app.layer_versions_bumped', true) is distinct from txid_current()::text then
    perform set_config('app.layer_versions_bumped', txid_current()::text, true);
    update app.layer_versions set version = version + 1;
  end if;
  return null;
end
$$;
revoke execute on function app.bump_layer_versions() from public, anon, authenticated;

create constraint trigger villages_layer_versions after insert or update or delete on public.villages
deferrable initially deferred for each row execute function app.bump_layer_versions();
create constraint trigger grids_layer_versions after insert or update or delete on public.grids
deferrable initially deferred for each row execute function app.bump_layer_versions();
-- a truncate has no rows to defer with: it bumps at once
create trigger villages_layer_versions_truncated after truncate on public.villages
for each statement execute function app.bump_layer_versions();
create trigger grids_layer_versions_truncated after truncate on public.grids
for each statement execute function app.bump_layer_versions();

create function public.tile_version(layer text) returns bigint
language sql stable set search_path = public, extensions, pg_temp as $$
  select v.version from app.layer_versions v where v.layer = tile_version.layer
$$;

-- The rows of a tiled layer that the caller may read, inside `area` (EPSG:4326) when given.
-- A village's label point is layer_villages' (ST_PointOnSurface).
-- Attributes without a value are left out, as a vector tile leaves them out.
create function app.tile_rows(layer text, area geometry default null)
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
grant execute on function app.tile_rows(text, geometry) to authenticated;

-- One tile as PostGIS cuts it: 4096 units a side, 64 of buffer (what MapLibre draws without seams).
create function public.map_tile(layer text, z integer, x integer, y integer) returns bytea
language sql stable set search_path = public, extensions, pg_temp as $$
  select ST_AsMVT(t, map_tile.layer, 4096, 'geom', 'id')
  from (
    select r.id, r.attributes,
           ST_AsMVTGeom(ST_Transform(r.geom, 3857), ST_TileEnvelope(z, x, y), 4096, 64, true) as geom
    from app.tile_rows(map_tile.layer, ST_Transform(ST_TileEnvelope(z, x, y, margin => 64.0 / 4096), 4326)) r
  ) t
  where t.geom is not null
$$;

-- The whole layer as GeoJSON (6 decimals, ~0.1 m) for the JavaScript tiler, which indexes it once
-- per layer version and caller's scope and cuts every tile from that index.
create function public.tile_features(layer text) returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
      'type', 'Feature', 'id', r.id, 'properties', r.attributes,
      'geometry', ST_AsGeoJSON(r.geom, 6)::json) order by r.id), '[]'::json))
  from app.tile_rows(tile_features.layer) r
$$;

comment on function public.map_tile(text, integer, integer, integer) is
  'A Mapbox Vector Tile of villages or grids (the caller''s), cut by PostGIS.';
comment on function public.tile_features(text) is
  'Villages or grids (the caller''s) with their tile attributes, for the app''s JavaScript tiler.';
revoke execute on function public.tile_version(text), public.map_tile(text, integer, integer, integer),
  public.tile_features(text) from public, anon;
grant execute on function public.tile_version(text), public.map_tile(text, integer, integer, integer),
  public.tile_features(text) to authenticated;

-- What colours and explains a tiled grid, by id: where villages and grids come as tiles, the map
-- takes each grid's responsible officer and figures from here, one array per field (index i is one
-- grid), and keeps them current from the live channel; no tile changes with an assignment. The
-- figures are layer_grids' (11_map_functions.sql), field for field.
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
