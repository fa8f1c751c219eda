-- Editing grids on the map (issue 14): split_grid for station heads and admins, with the grid
-- version an edit is made on (grid_version). The definitions are
-- supabase/schemas/29_grid_editing.sql.

-- PostGIS lives in `extensions`: a session that opened before the baseline set the database's
-- search_path (the Supabase CLI's push) must find its types too
set local search_path = "$user", public, extensions;

-- The caller may edit this grid: an admin any grid, a station head those of their station.
-- Returns the grid's station.
create function app.require_grid_editor(grid bigint) returns bigint
language plpgsql stable security definer set search_path = '' as $$
declare
  station bigint;
begin
  select v.station_id into station
  from public.grids g join public.villages v on v.id = g.village_id where g.id = grid;
  if app.claim_role() not in ('admin', 'station_head') then
    raise exception 'grid_edit_not_allowed' using errcode = 'insufficient_privilege';
  end if;
  if station is null then
    raise exception 'grid_not_found' using errcode = 'no_data_found';
  end if;
  if app.claim_role() = 'station_head' and station is distinct from app.claim_station() then
    raise exception 'grid_not_in_station' using errcode = 'insufficient_privilege';
  end if;
  return station;
end
$$;
revoke execute on function app.require_grid_editor(bigint) from public, anon, authenticated;

-- Splits a grid in two along a line (GeoJSON LineString, lon-lat) that crosses it once. The
-- part with more households keeps the grid's id, so its officer stays with most of the
-- households; the other part becomes a new grid without an officer (a gap on the map until one
-- is assigned). `expected_version` is the grid version the caller saw (grid_facts.version).
create function app.split_grid(grid_id bigint, line text, expected_version bigint, new_name text)
returns json
language plpgsql volatile security definer set search_path = public, extensions, pg_temp as $$
declare
  g public.grids;
  version bigint;
  cut geometry;
  parts geometry[];
  held integer[];
  keep integer;
  created_id bigint;
  created_code text;
begin
  perform app.require_grid_editor(grid_id);
  select * into g from public.grids x where x.id = split_grid.grid_id for update;
  select v.id into version from public.grid_versions v where v.grid_id = g.id and upper_inf(v.valid);
  if version is distinct from expected_version then
    raise exception 'grid_conflict' using errcode = 'serialization_failure',
      detail = format('grid %s is at version %s, not %s', g.code, version, expected_version);
  end if;
  begin
    cut := ST_SetSRID(ST_GeomFromGeoJSON(line), 4326);
  exception when others then
    raise exception 'grid_split_line_invalid' using errcode = 'check_violation', detail = 'not a GeoJSON geometry';
  end;
  if GeometryType(cut) <> 'LINESTRING' or not ST_IsValid(cut) or not public.in_china_bounds(cut) then
    raise exception 'grid_split_line_invalid' using errcode = 'check_violation',
      detail = 'a line of lon-lat points inside China';
  end if;
  select array_agg(d.geom order by ST_Area(d.geom) desc) into parts
  from ST_Dump(ST_CollectionExtract(ST_Split(g.geom, cut), 3)) d;
  if coalesce(cardinality(parts), 0) <> 2 then
    raise exception 'grid_split_line_invalid' using errcode = 'check_violation',
      detail = format('the line must cross the grid once, into two parts; it makes %s', coalesce(cardinality(parts), 0));
  end if;
  select array_agg((select count(*)::integer from public.households h
                    where h.grid_id = g.id and ST_Intersects(p.geom, h.geom)) order by p.n)
  into held from unnest(parts) with ordinality p(geom, n);
  -- the larger part on a tie
  keep := case when held[2] > held[1] then 2 else 1 end;
  created_code := g.code || '-' || (select count(*) + 1 from public.grids x where x.code like g.code || '-%');
  while exists (select 1 from public.grids x where x.code = created_code) loop
    created_code := created_code || '-1';
  end loop;
  update public.grids x set geom = ST_Multi(parts[keep]) where x.id = g.id;
  insert into public.grids (village_id, code, name, geom)
  values (g.village_id, created_code, coalesce(nullif(trim(new_name), ''), g.name || '（拆分）'), ST_Multi(parts[3 - keep]))
  returning id into created_id;
  perform app.append_audit('grid_split', 'grids', g.id,
    jsonb_build_object('code', g.code, 'households', held[1] + held[2]),
    jsonb_build_object('kept', g.id, 'kept_households', held[keep],
                       'created', created_id, 'created_households', held[3 - keep], 'line', line::jsonb));
  return json_build_object(
    'kept', json_build_object('id', g.id, 'households', held[keep],
      'version', (select v.id from public.grid_versions v where v.grid_id = g.id and upper_inf(v.valid))),
    'created', json_build_object('id', created_id, 'code', created_code, 'households', held[3 - keep]));
end
$$;
comment on function app.split_grid(grid_id bigint, line text, expected_version bigint, new_name text) is
  'lint 0029, deliberate: security definer and executable by authenticated, because it is the app''s RPC for this; it checks the caller''s claims (role, station, admin) itself before it reads or writes.';
revoke execute on function app.split_grid(bigint, text, bigint, text) from public, anon;
grant execute on function app.split_grid(bigint, text, bigint, text) to authenticated;

-- The exposed RPC name (a security invoker wrapper: PostgREST exposes `public` only).
create function public.split_grid(grid_id bigint, line text, expected_version bigint, new_name text default null)
returns json
language sql volatile set search_path = public, extensions, pg_temp as $$
  select app.split_grid(grid_id, line, expected_version, new_name)
$$;
revoke execute on function public.split_grid(bigint, text, bigint, text) from public, anon;
grant execute on function public.split_grid(bigint, text, bigint, text) to authenticated;

-- The grid's current version, which an edit names as the one it was made on.
create function public.grid_version(grid_id bigint) returns bigint
language sql stable set search_path = public, extensions, pg_temp as $$
  select v.id from public.grid_versions v where v.grid_id = grid_version.grid_id and upper_inf(v.valid)
$$;
