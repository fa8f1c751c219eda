-- The import preview's reference within the file's box: a province's grids were 35.2 MB of JSON
-- (5.5 MB gzipped, 1.6 s) for every file, however small. import_reference takes the box the
-- preview asks for (the file's, padded); without one it answers as before. The definition is
-- supabase/schemas/24_import.sql.

set local search_path = "$user", public, extensions;

drop function public.import_reference(text);
drop function app.import_reference(text);

-- What a file must fit, for the preview's checks in the browser: village outlines and stored
-- grids (grids, households, incidents) meeting `bbox` (west, south, east, north; the file's box,
-- padded by the preview), station and township codes (villages, posts). Without a box, every
-- outline: a province's grids are 35 MB of JSON for a file of one township.
create function app.import_reference(kind text, bbox double precision[] default null) returns json
language plpgsql stable security definer set search_path = public, extensions, pg_temp as $$
declare
  box geometry := case when bbox is not null then ST_MakeEnvelope(bbox[1], bbox[2], bbox[3], bbox[4], 4326) end;
begin
  perform app.require_admin();
  if bbox is not null and (cardinality(bbox) <> 4 or bbox[1] > bbox[3] or bbox[2] > bbox[4]) then
    raise exception 'invalid_bbox' using errcode = 'invalid_parameter_value';
  end if;
  return json_build_object(
    'villages', case when kind in ('grids', 'posts', 'villages') then (
      select coalesce(json_agg(json_build_object('code', v.code, 'geometry', ST_AsGeoJSON(v.geom, 9)::json)), '[]')
      from public.villages v where box is null or v.geom && box) end,
    'grids', case when kind in ('grids', 'households', 'incidents') then (
      select coalesce(json_agg(json_build_object('code', g.code, 'village_code', v.code,
        'geometry', ST_AsGeoJSON(g.geom, 9)::json)), '[]')
      from public.grids g join public.villages v on v.id = g.village_id
      where box is null or g.geom && box) end,
    'stations', (select coalesce(json_agg(s.code), '[]') from public.stations s),
    'townships', (select coalesce(json_agg(t.code), '[]') from public.townships t));
end
$$;
comment on function app.import_reference(kind text, bbox double precision[]) is
  'lint 0029, deliberate: security definer and executable by authenticated, because it is the app''s RPC for this; it checks the caller''s claims (role, station, admin) itself before it reads or writes.';
revoke execute on function app.import_reference(text, double precision[]) from public, anon;
grant execute on function app.import_reference(text, double precision[]) to authenticated;
create function public.import_reference(kind text, bbox double precision[] default null) returns json
language sql stable set search_path = public, extensions, pg_temp as $$ select app.import_reference(kind, bbox) $$;
revoke execute on function public.import_reference(text, double precision[]) from public, anon;
grant execute on function public.import_reference(text, double precision[]) to authenticated;
