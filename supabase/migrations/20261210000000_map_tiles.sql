-- Vector tiles of villages and grids (issue 18): app.layer_versions, bumped by every statement
-- that writes villages or grids; public.map_tile (ST_AsMVT, on PostGIS); public.tile_features (the
-- rows the app's JavaScript tiler cuts on PGlite, whose PostGIS has no protobuf-c); and
-- public.tile_version. The definitions are supabase/schemas/34_map_tiles.sql.

set local search_path = "$user", public, extensions;

create table app.layer_versions (
  layer text primary key check (layer in ('villages', 'grids')),
  version bigint not null default 0
);
insert into app.layer_versions (layer) values ('villages'), ('grids');
grant select on app.layer_versions to authenticated;

-- Security definer: a station head's edit bumps a table they may not write.
create function app.bump_layer_versions() returns trigger
language plpgsql security definer set search_path = public, extensions, pg_temp as $$
begin
  update app.layer_versions set version = version + 1 where layer = any (tg_argv);
  return null;
end
$$;
revoke execute on function app.bump_layer_versions() from public, anon, authenticated;

-- a grid tile carries its village's station, so a village written bumps both layers
create trigger villages_layer_versions after insert or update or delete on public.villages
for each statement execute function app.bump_layer_versions('villages', 'grids');
create trigger villages_layer_versions_truncated after truncate on public.villages
for each statement execute function app.bump_layer_versions('villages', 'grids');
create trigger grids_layer_versions after insert or update or delete on public.grids
for each statement execute function app.bump_layer_versions('grids');
create trigger grids_layer_versions_truncated after truncate on public.grids
for each statement execute function app.bump_layer_versions('grids');

create function public.tile_version(layer text) returns bigint
language sql stable set search_path = public, extensions, pg_temp as $$
  select v.version from app.layer_versions v where v.layer = tile_version.layer
$$;

-- The rows of a tiled layer that the caller may read, inside `area` (EPSG:4326) when given.
-- Attributes without a value are left out, as a vector tile leaves them out.
create function app.tile_rows(layer text, area geometry default null)
returns table (id bigint, attributes jsonb, geom geometry)
language sql stable set search_path = public, extensions, pg_temp as $$
  select v.id, jsonb_strip_nulls(jsonb_build_object('id', v.id, 'name', v.name, 'code', v.code,
           'kind', v.kind, 'township_id', v.township_id, 'station_id', v.station_id)), v.geom
  from public.villages v
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
