-- Grid drafts (issue 14): a head's edits on the map are previewed (what-if, written nowhere)
-- and committed in one transaction; merge, delete (merge into a neighbour), draw, move a shared
-- edge and a re-gridding join the split. A deleted grid keeps its history: history tables refer
-- to app.grid_ids, every grid id ever used, and their policies read the grid versions. The
-- definitions are supabase/schemas/28_grid_changes.sql, 29_grid_editing.sql and the policies'
-- files.

-- PostGIS lives in `extensions`: a session that opened before the baseline set the database's
-- search_path (the Supabase CLI's push) must find its types too
set local search_path = "$user", public, extensions;

create table app.grid_ids (id bigint primary key);
comment on table app.grid_ids is
  'every grid id ever used; history tables reference it so that a deleted grid keeps its history (its outlines are in grid_versions)';
revoke all on table app.grid_ids from public, anon, authenticated;
-- checked at commit: an upsert of grids (the import) re-derives in its UPDATE statement
-- trigger, which may run before the INSERT one that registers the new ids
insert into app.grid_ids (id)
select g.id from public.grids g union select v.grid_id from public.grid_versions v;
alter table public.grid_assignments drop constraint grid_assignments_grid_id_fkey,
  add constraint grid_assignments_grid_id_fkey foreign key (grid_id) references app.grid_ids (id)
    deferrable initially deferred;
alter table public.campaign_block_grids drop constraint campaign_block_grids_grid_id_fkey,
  add constraint campaign_block_grids_grid_id_fkey foreign key (grid_id) references app.grid_ids (id)
    deferrable initially deferred;
alter table public.campaign_households drop constraint campaign_households_grid_id_fkey,
  add constraint campaign_households_grid_id_fkey foreign key (grid_id) references app.grid_ids (id)
    deferrable initially deferred;
alter table public.campaign_visits drop constraint campaign_visits_grid_id_fkey,
  add constraint campaign_visits_grid_id_fkey foreign key (grid_id) references app.grid_ids (id)
    deferrable initially deferred;
alter table public.campaign_visit_days drop constraint campaign_visit_days_grid_id_fkey,
  add constraint campaign_visit_days_grid_id_fkey foreign key (grid_id) references app.grid_ids (id)
    deferrable initially deferred;
alter table public.knock_lists drop constraint knock_lists_grid_id_fkey,
  add constraint knock_lists_grid_id_fkey foreign key (grid_id) references app.grid_ids (id)
    deferrable initially deferred;

-- open maps hear of re-drawn grids
alter table public.live_changes drop constraint live_changes_kind_check,
  add constraint live_changes_kind_check
  check (kind in ('incident', 'officer', 'assignment', 'visit', 'grid_plan'));

create or replace function app.grids_changed() returns trigger
language plpgsql security definer set search_path = public, extensions, pg_temp as $$
declare
  t timestamptz := coalesce(nullif(current_setting('app.grid_valid_from', true), '')::timestamptz, now());
  changed bigint[];
begin
  if tg_op = 'INSERT' then
    insert into app.grid_ids (id) select n.id from new_rows n on conflict do nothing;
    select array_agg(n.id) into changed from new_rows n;
  elsif tg_op = 'UPDATE' then
    select array_agg(n.id) into changed
    from new_rows n join old_rows o on o.id = n.id where o.geom is distinct from n.geom;
  end if;
  if changed is not null then
    perform app.regrid_points(changed, null);
  end if;

  -- versions: the open one of a changed grid closes now; one opened earlier in this same
  -- transaction is replaced instead (its period would be empty)
  if tg_op = 'UPDATE' then
    delete from public.grid_versions v using old_rows o, new_rows n
    where o.id = n.id and v.grid_id = o.id and upper_inf(v.valid) and lower(v.valid) >= t
      and (o.geom, o.name, o.code, o.village_id) is distinct from (n.geom, n.name, n.code, n.village_id);
    update public.grid_versions v set valid = tstzrange(lower(v.valid), t)
    from old_rows o, new_rows n
    where o.id = n.id and v.grid_id = o.id and upper_inf(v.valid) and lower(v.valid) < t
      and (o.geom, o.name, o.code, o.village_id) is distinct from (n.geom, n.name, n.code, n.village_id);
    insert into public.grid_versions (grid_id, village_id, code, name, geom, valid, changed_by)
    select n.id, n.village_id, n.code, n.name, n.geom, tstzrange(t, null), auth.uid()
    from new_rows n join old_rows o on o.id = n.id
    where (o.geom, o.name, o.code, o.village_id) is distinct from (n.geom, n.name, n.code, n.village_id);
    insert into public.audit_log (actor, action, table_name, row_id, before, after)
    select auth.uid(), 'grid_update', 'grids', n.id,
           jsonb_build_object('code', o.code, 'name', o.name, 'village_id', o.village_id,
                              'area_m2', round(ST_Area(o.geom::geography)::numeric)),
           jsonb_build_object('code', n.code, 'name', n.name, 'village_id', n.village_id,
                              'area_m2', round(ST_Area(n.geom::geography)::numeric))
    from new_rows n join old_rows o on o.id = n.id
    where (o.geom, o.name, o.code, o.village_id) is distinct from (n.geom, n.name, n.code, n.village_id);
  elsif tg_op = 'INSERT' then
    insert into public.grid_versions (grid_id, village_id, code, name, geom, valid, changed_by)
    select n.id, n.village_id, n.code, n.name, n.geom, tstzrange(t, null), auth.uid() from new_rows n;
    insert into public.audit_log (actor, action, table_name, row_id, before, after)
    select auth.uid(), 'grid_insert', 'grids', n.id, null,
           jsonb_build_object('code', n.code, 'name', n.name, 'village_id', n.village_id,
                              'area_m2', round(ST_Area(n.geom::geography)::numeric))
    from new_rows n;
  elsif tg_op = 'DELETE' then
    update public.grid_versions v set valid = tstzrange(lower(v.valid), t)
    from old_rows o where v.grid_id = o.id and upper_inf(v.valid) and lower(v.valid) < t;
    delete from public.grid_versions v using old_rows o
    where v.grid_id = o.id and upper_inf(v.valid) and lower(v.valid) >= t;
    insert into public.audit_log (actor, action, table_name, row_id, before, after)
    select auth.uid(), 'grid_delete', 'grids', o.id,
           jsonb_build_object('code', o.code, 'name', o.name, 'village_id', o.village_id,
                              'area_m2', round(ST_Area(o.geom::geography)::numeric)), null
    from old_rows o;
  end if;
  -- open maps reload the grids of the villages whose plan changed (one change per village)
  if not app.live_quiet() then
    if tg_op = 'DELETE' then
      perform app.append_live_change('grid_plan', 'update', x.village_id, x.village_id, null,
                                     jsonb_build_object('village_id', x.village_id))
      from (select distinct o.village_id from old_rows o) x;
    else
      perform app.append_live_change('grid_plan', 'update', x.village_id, x.village_id, null,
                                     jsonb_build_object('village_id', x.village_id))
      from (select distinct n.village_id from new_rows n where n.id = any(coalesce(changed, '{}'))
            or tg_op = 'UPDATE') x;
    end if;
  end if;
  return null;
end
$$;

-- The grid layer as it was at a moment (the overview's ?at=): each grid version valid then, with
-- the primary officer then responsible, the households inside its outline (as they are located
-- today: households carry no history) and the incidents of the 30 days before, by the grid they
-- were reported in. Same shape as the current grid layer. Security definer, scoped to the
-- stations the caller may read (as the layer's row-level security would): households counted
-- through row-level security took 30 s for a county, through the index alone well under one.
create function public.layer_grids_at(at timestamptz) returns json
language sql stable security definer set search_path = public, extensions, pg_temp as $$
  with v as (
    select g.grid_id, g.village_id, g.code, g.name, g.geom
    from public.grid_versions g join public.villages vi on vi.id = g.village_id
    where g.valid @> at and vi.station_id in (select app.readable_stations())
  ),
  officer as (
    select distinct on (a.grid_id) a.grid_id, o.id officer_id, o.name
    from public.grid_assignments a join public.officers o on o.id = a.officer_id
    where a.role = 'primary' and a.during @> at and a.grid_id in (select v.grid_id from v)
    order by a.grid_id, lower(a.during) desc
  ),
  held as (
    select v.grid_id, count(h.id) n from v join public.households h on ST_Intersects(v.geom, h.geom) group by v.grid_id
  ),
  inc as (
    select i.reported_grid_id grid_id, count(*) n from public.incidents i
    where i.occurred_at >= at - interval '30 days' and i.occurred_at < at group by 1
  )
  select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
      'type', 'Feature', 'id', v.grid_id,
      'properties', json_build_object('id', v.grid_id, 'name', v.name, 'code', v.code, 'village_id', v.village_id,
        'officer_id', o.officer_id, 'officer', o.name, 'households', coalesce(h.n, 0),
        'incidents_30d', coalesce(i.n, 0), 'visited_share', null),
      'geometry', ST_AsGeoJSON(v.geom, 5)::json) order by v.grid_id), '[]'::json))
  from v left join officer o on o.grid_id = v.grid_id left join held h on h.grid_id = v.grid_id
  left join inc i on i.grid_id = v.grid_id
$$;
comment on function public.layer_grids_at(at timestamptz) is
  'lint 0029, deliberate: security definer and executable by authenticated, because it is the app''s RPC for this; it reads only the stations the caller''s claims may read (app.readable_stations) and writes nothing.';
revoke execute on function public.layer_grids_at(timestamptz) from public, anon;
grant execute on function public.layer_grids_at(timestamptz) to authenticated;

create or replace function app.grid_removing() returns trigger
language plpgsql security definer set search_path = public, extensions, pg_temp as $$
begin
  perform app.regrid_points('{}', old.id);
  delete from public.grid_assignments a where a.grid_id = old.id and lower(a.during) >= now();
  update public.grid_assignments a set during = tstzrange(lower(a.during), now())
  where a.grid_id = old.id and upper_inf(a.during);
  return old;
end
$$;

-- history stays readable after its grid is deleted: visibility by the grid's versions
alter policy "staff read the assignments of grids they can see" on public.grid_assignments
  using (grid_id in (select v.grid_id from public.grid_versions v));
alter policy "staff read the campaign grids they can see" on public.campaign_block_grids
  using (grid_id in (select v.grid_id from public.grid_versions v));
alter policy "staff read the visits of grids they can see" on public.campaign_visits
  using (grid_id in (select v.grid_id from public.grid_versions v));
alter policy "staff read the daily visit figures of grids they can see" on public.campaign_visit_days
  using (grid_id in (select v.grid_id from public.grid_versions v));
alter policy "staff read the campaign households of grids they can see" on public.campaign_households
  using (grid_id in (select v.grid_id from public.grid_versions v));
alter policy "staff read the knock lists of grids they can see" on public.knock_lists
  using (grid_id in (select v.grid_id from public.grid_versions v));

create or replace function public.campaign_grids(campaign_id bigint) returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
      'type', 'Feature', 'id', bg.grid_id,
      'properties', json_build_object('id', bg.grid_id, 'name', g.name, 'block_id', bg.block_id),
      'geometry', ST_AsGeoJSON(g.geom, 5)::json) order by bg.grid_id), '[]'::json))
  from public.campaign_block_grids bg
  cross join lateral (select v.name, v.geom from public.grid_versions v where v.grid_id = bg.grid_id
                      order by upper_inf(v.valid) desc, upper(v.valid) desc limit 1) g
  where bg.campaign_id = campaign_grids.campaign_id
$$;

create or replace function app.campaign_visible_grids(campaign_id bigint)
returns table (campaign_id bigint, block_id bigint, grid_id bigint)
language sql stable security definer set search_path = public, extensions, pg_temp as $$
  select bg.campaign_id, bg.block_id, bg.grid_id
  from public.campaign_block_grids bg
  -- a grid merged away since is still the campaign's: its village from its versions
  cross join lateral (select x.village_id from public.grid_versions x where x.grid_id = bg.grid_id
                      order by upper_inf(x.valid) desc, upper(x.valid) desc limit 1) g
  join public.villages v on v.id = g.village_id
  where bg.campaign_id = campaign_visible_grids.campaign_id
    and v.station_id in (select app.readable_stations())
$$;

-- Splits a grid in two along a line (GeoJSON LineString, lon-lat) that crosses it once. The
-- part with more households keeps the grid's id, so its officer stays with most of the
-- households; the other part becomes a new grid without an officer (a gap on the map until one
-- is assigned). The caller has checked who may; split_grid and the draft (grid_edits_apply)
-- both come here.
create or replace function app.grid_split(g public.grids, line text, new_name text)
returns json
language plpgsql volatile security definer set search_path = public, extensions, pg_temp as $$
declare
  cut geometry;
  parts geometry[];
  held integer[];
  keep integer;
  created_id bigint;
  created_code text;
begin
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
  created_code := app.new_grid_code(g.code);
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
revoke execute on function app.grid_split(public.grids, text, text) from public, anon, authenticated;

-- A code no grid has, made from `base` (a grid's or a village's code) and a running number.
create or replace function app.new_grid_code(base text) returns text
language plpgsql stable security definer set search_path = public, extensions, pg_temp as $$
declare
  candidate text := base || '-' || (select count(*) + 1 from public.grids x where x.code like base || '-%');
begin
  while exists (select 1 from public.grids x where x.code = candidate) loop
    candidate := candidate || '-1';
  end loop;
  return candidate;
end
$$;
revoke execute on function app.new_grid_code(text) from public, anon, authenticated;

-- The RPC: the caller's checks and the version they saw (grid_facts.version), then the split.
create or replace function app.split_grid(grid_id bigint, line text, expected_version bigint, new_name text)
returns json
language plpgsql volatile security definer set search_path = public, extensions, pg_temp as $$
declare
  g public.grids;
  version bigint;
begin
  perform app.require_grid_editor(grid_id);
  select * into g from public.grids x where x.id = split_grid.grid_id for update;
  select v.id into version from public.grid_versions v where v.grid_id = g.id and upper_inf(v.valid);
  if version is distinct from expected_version then
    raise exception 'grid_conflict' using errcode = 'serialization_failure',
      detail = format('grid %s is at version %s, not %s', g.code, version, expected_version);
  end if;
  return app.grid_split(g, line, new_name);
end
$$;
comment on function app.split_grid(grid_id bigint, line text, expected_version bigint, new_name text) is
  'lint 0029, deliberate: security definer and executable by authenticated, because it is the app''s RPC for this; it checks the caller''s claims (role, station, admin) itself before it reads or writes.';
revoke execute on function app.split_grid(bigint, text, bigint, text) from public, anon;
grant execute on function app.split_grid(bigint, text, bigint, text) to authenticated;

-- The exposed RPC name (a security invoker wrapper: PostgREST exposes `public` only).
create or replace function public.split_grid(grid_id bigint, line text, expected_version bigint, new_name text default null)
returns json
language sql volatile set search_path = public, extensions, pg_temp as $$
  select app.split_grid(grid_id, line, expected_version, new_name)
$$;
revoke execute on function public.split_grid(bigint, text, bigint, text) from public, anon;
grant execute on function public.split_grid(bigint, text, bigint, text) to authenticated;

-- The grid's current version, which an edit names as the one it was made on.
create or replace function public.grid_version(grid_id bigint) returns bigint
language sql stable set search_path = public, extensions, pg_temp as $$
  select v.id from public.grid_versions v where v.grid_id = grid_version.grid_id and upper_inf(v.valid)
$$;

-- ---------------------------------------------------------------------------------------------
-- Drafts (what-if before commit). The editor keeps a list of edits; preview_grid_edits applies
-- them in a subtransaction, reads the figures of every grid of the villages they touch, before
-- and after, and rolls back; commit_grid_edits applies the same list in one transaction after
-- checking that no grid of those villages changed since the draft began (a second head editing
-- meanwhile gets grid_conflict and nothing is written). The geometry is PostGIS's in both, so
-- what the preview shows is what the commit writes. Edits:
--   {"op":"split","grid":G,"line":<LineString>,"name":?,"as":?}  a line across the grid
--   {"op":"draw","village":V,"area":<Polygon>,"name":?,"as":?}   a new grid: the area inside
--        the village, taken from the grids it covers (snapped to the village edge and to them)
--   {"op":"transfer","grid":G,"area":<Polygon>}                 move a shared edge: the area
--        (inside the village) joins G and leaves the neighbours it covered
--   {"op":"merge","grid":G,"absorb":H,"officer":"grid"|"absorb"} H joins G and is deleted; the
--        officer of G or of H stays (delete = merge into a neighbour)
--   {"op":"replace","village":V,"grids":[<Polygon>…]}            a re-gridding of the village:
--        each old grid keeps its id on the new outline it overlaps most; the rest are new
--        grids or deleted
-- G and H are grid ids, or the "as" name of a grid an earlier edit of the draft created.

-- The caller may draft (admins, station heads, planners: villages they can read) or commit
-- (admins, station heads: their station) in this village.
create or replace function app.require_village_editor(village bigint, committing boolean) returns void
language plpgsql stable security definer set search_path = '' as $$
declare
  station bigint;
begin
  select v.station_id into station from public.villages v where v.id = village;
  if station is null then
    raise exception 'village_not_found' using errcode = 'no_data_found';
  end if;
  if committing and app.claim_role() not in ('admin', 'station_head')
     or not committing and app.claim_role() not in ('admin', 'station_head', 'planner') then
    raise exception 'grid_edit_not_allowed' using errcode = 'insufficient_privilege';
  end if;
  if app.claim_role() = 'station_head' and station is distinct from app.claim_station()
     or app.claim_role() = 'planner' and station not in (select app.readable_stations()) then
    raise exception 'grid_not_in_station' using errcode = 'insufficient_privilege';
  end if;
end
$$;
revoke execute on function app.require_village_editor(bigint, boolean) from public, anon, authenticated;

-- The polygonal part of an overlay's result, slivers under 1 m² dropped (the overlap
-- tolerance); null when nothing is left.
create or replace function app.grid_outline(g geometry) returns geometry
language sql immutable set search_path = public, extensions, pg_temp as $$
  select ST_Multi(ST_Collect(d.geom))
  from ST_Dump(ST_CollectionExtract(g, 3)) d where ST_Area(d.geom::geography) >= 1
$$;

-- An area drawn on the map (GeoJSON Polygon or MultiPolygon, lon-lat), valid, in China.
create or replace function app.drawn_area(area jsonb) returns geometry
language plpgsql immutable set search_path = public, extensions, pg_temp as $$
declare
  g geometry;
begin
  begin
    g := ST_SetSRID(ST_GeomFromGeoJSON(area::text), 4326);
  exception when others then
    raise exception 'grid_area_invalid' using errcode = 'check_violation', detail = 'not a GeoJSON geometry';
  end;
  if GeometryType(g) not in ('POLYGON', 'MULTIPOLYGON') or not public.in_china_bounds(g) then
    raise exception 'grid_area_invalid' using errcode = 'check_violation', detail = 'a polygon of lon-lat points inside China';
  end if;
  if not ST_IsValid(g) then
    raise exception 'grid_area_invalid' using errcode = 'check_violation', detail = ST_IsValidReason(g);
  end if;
  return g;
end
$$;

-- The grid an edit names: an id, or the "as" name of one the draft created; locked.
create or replace function app.draft_grid(ref jsonb, refs jsonb) returns public.grids
language plpgsql volatile security definer set search_path = public, extensions, pg_temp as $$
declare
  g public.grids;
  wanted bigint := case jsonb_typeof(ref) when 'number' then (ref #>> '{}')::bigint
                                          when 'string' then (refs ->> (ref #>> '{}'))::bigint end;
begin
  select * into g from public.grids x where x.id = wanted for update;
  if g.id is null then
    -- named but gone: deleted since the draft began, or an edit of the draft merged it away
    raise exception 'grid_conflict' using errcode = 'serialization_failure',
      detail = format('grid %s does not exist (any more)', ref);
  end if;
  return g;
end
$$;
revoke execute on function app.draft_grid(jsonb, jsonb) from public, anon, authenticated;

-- The villages a draft touches, each checked for the caller (before anything is written).
create or replace function app.grid_edit_villages(edits jsonb, committing boolean) returns bigint[]
language plpgsql stable security definer set search_path = public, extensions, pg_temp as $$
declare
  found bigint[];
  v bigint;
begin
  if jsonb_typeof(edits) <> 'array' or jsonb_array_length(edits) = 0 or jsonb_array_length(edits) > 100 then
    raise exception 'grid_edits_invalid' using errcode = 'check_violation', detail = '1 to 100 edits';
  end if;
  select array_agg(distinct x.village) into found from (
    select coalesce((e ->> 'village')::bigint,
                    (select g.village_id from public.grids g
                     where jsonb_typeof(e -> 'grid') = 'number' and g.id = (e ->> 'grid')::bigint)) village
    from jsonb_array_elements(edits) e
    where e ->> 'op' in ('draw', 'replace') or jsonb_typeof(e -> 'grid') = 'number') x
  where x.village is not null;
  if found is null then
    raise exception 'grid_conflict' using errcode = 'serialization_failure', detail = 'no grid the edits name exists';
  end if;
  foreach v in array found loop
    perform app.require_village_editor(v, committing);
  end loop;
  return found;
end
$$;
revoke execute on function app.grid_edit_villages(jsonb, boolean) from public, anon, authenticated;

-- Applies a draft's edits in order (the caller has checked the villages and versions).
-- Returns the grids the draft created by their "as" names (a re-gridding's new grids as
-- "<as>-<n>", n its outline's place in the list), so the editor can name them in later edits.
create or replace function app.grid_edits_apply(edits jsonb, villages bigint[]) returns jsonb
language plpgsql volatile security definer set search_path = public, extensions, pg_temp as $$
declare
  e jsonb;
  refs jsonb := '{}';
  g public.grids;
  h public.grids;
  vill public.villages;
  area geometry;
  parts geometry[];
  r json;
  created bigint;
  emptied text;
  m record;
  used_grids bigint[];
  used_parts bigint[];
  created_grids bigint[];
begin
  for e in select x from jsonb_array_elements(edits) x loop
    g := null;
    h := null;
    case e ->> 'op'
    when 'split' then
      g := app.draft_grid(e -> 'grid', refs);
      r := app.grid_split(g, (e -> 'line')::text, e ->> 'name');
      created := (r -> 'created' ->> 'id')::bigint;

    when 'draw', 'transfer' then
      if e ->> 'op' = 'transfer' then
        g := app.draft_grid(e -> 'grid', refs);
        select * into vill from public.villages v where v.id = g.village_id;
      else
        select * into vill from public.villages v where v.id = (e ->> 'village')::bigint;
      end if;
      if not vill.id = any(villages) then
        raise exception 'grid_edits_invalid' using errcode = 'check_violation', detail = 'an edit outside the draft''s villages';
      end if;
      -- snapped to the village edge: only the part inside the village counts
      area := app.grid_outline(ST_Intersection(app.drawn_area(e -> 'area'), vill.geom, 1e-9));
      if area is null then
        raise exception 'grid_area_outside_village' using errcode = 'check_violation', detail = vill.name;
      end if;
      if e ->> 'op' = 'transfer' and app.grid_outline(ST_Difference(area, g.geom, 1e-9)) is null then
        raise exception 'grid_transfer_takes_nothing' using errcode = 'check_violation', detail = g.code;
      end if;
      if e ->> 'op' = 'transfer' and not ST_Intersects(ST_Buffer(g.geom::geography, 0.5)::geometry, area) then
        raise exception 'grid_transfer_not_adjacent' using errcode = 'check_violation', detail = g.code;
      end if;
      -- a neighbour the area would swallow whole is merged or deleted instead, on purpose
      select string_agg(x.code, ', ') into emptied from public.grids x
      where x.village_id = vill.id and x.id is distinct from g.id and x.geom && area
        and app.grid_outline(ST_Difference(x.geom, area, 1e-9)) is null;
      if emptied is not null then
        raise exception 'grid_edit_empties_grid' using errcode = 'check_violation', detail = emptied;
      end if;
      -- the neighbours give the area up and the grid takes it, in one statement
      update public.grids x set geom = case when x.id = g.id then app.grid_outline(ST_Union(x.geom, area, 1e-9))
                                            else app.grid_outline(ST_Difference(x.geom, area, 1e-9)) end
      where x.id = g.id
         or x.village_id = vill.id and x.geom && area and ST_Relate(x.geom, area, 'T********');
      if e ->> 'op' = 'draw' then
        insert into public.grids (village_id, code, name, geom)
        values (vill.id, app.new_grid_code(vill.code),
                coalesce(nullif(trim(e ->> 'name'), ''),
                         vill.name || '新网格' || (select count(*) + 1 from public.grids x where x.village_id = vill.id)),
                area)
        returning id into created;
      end if;
      perform app.append_audit('grid_' || (e ->> 'op'), 'grids', coalesce(created, g.id), null,
        jsonb_build_object('village', vill.id, 'area_m2', round(ST_Area(area::geography)::numeric)));

    when 'merge' then
      g := app.draft_grid(e -> 'grid', refs);
      h := app.draft_grid(e -> 'absorb', refs);
      if g.id = h.id or g.village_id <> h.village_id then
        raise exception 'grid_merge_not_neighbours' using errcode = 'check_violation',
          detail = format('%s and %s are the same grid or in different villages', g.code, h.code);
      end if;
      if coalesce(ST_Length(ST_Intersection(ST_Boundary(g.geom), ST_Buffer(h.geom::geography, 0.5)::geometry)::geography), 0) < 1 then
        raise exception 'grid_merge_not_neighbours' using errcode = 'check_violation',
          detail = format('%s and %s share no edge', g.code, h.code);
      end if;
      update public.grids x set geom = app.grid_outline(ST_Union(x.geom, ST_Snap(h.geom, x.geom, 1e-7), 1e-9))
      where x.id = g.id;
      if e ->> 'officer' = 'absorb'
         and exists (select 1 from public.grid_assignments a where a.grid_id = h.id and a.role = 'primary' and upper_inf(a.during)) then
        -- the absorbed grid's officer stays: the kept grid's officer (and that officer's
        -- helper role there, if any) ends now
        delete from public.grid_assignments a where a.grid_id = g.id and lower(a.during) >= now()
          and (a.role = 'primary' or a.officer_id in (select b.officer_id from public.grid_assignments b
                                                     where b.grid_id = h.id and b.role = 'primary' and upper_inf(b.during)));
        update public.grid_assignments a set during = tstzrange(lower(a.during), now())
        where a.grid_id = g.id and upper_inf(a.during)
          and (a.role = 'primary' or a.officer_id in (select b.officer_id from public.grid_assignments b
                                                     where b.grid_id = h.id and b.role = 'primary' and upper_inf(b.during)));
        insert into public.grid_assignments (grid_id, officer_id, role, assigned_by)
        select g.id, a.officer_id, 'primary', auth.uid() from public.grid_assignments a
        where a.grid_id = h.id and a.role = 'primary' and upper_inf(a.during);
      end if;
      perform app.append_audit('grid_merge', 'grids', g.id,
        jsonb_build_object('grid', g.code, 'absorbed', h.code, 'absorbed_id', h.id),
        jsonb_build_object('officer', coalesce(e ->> 'officer', 'grid')));
      -- its points go to the grid that covers them now; its assignments end (grid_removing)
      delete from public.grids x where x.id = h.id;

    when 'replace' then
      select * into vill from public.villages v where v.id = (e ->> 'village')::bigint;
      if not vill.id = any(villages) then
        raise exception 'grid_edits_invalid' using errcode = 'check_violation', detail = 'an edit outside the draft''s villages';
      end if;
      if jsonb_typeof(e -> 'grids') <> 'array' or jsonb_array_length(e -> 'grids') not between 1 and 200 then
        raise exception 'grid_edits_invalid' using errcode = 'check_violation', detail = '1 to 200 grids';
      end if;
      select array_agg(app.grid_outline(ST_Intersection(app.drawn_area(p), vill.geom, 1e-9)) order by n)
      into parts from jsonb_array_elements(e -> 'grids') with ordinality p(p, n);
      if array_position(parts, null) is not null then
        raise exception 'grid_area_outside_village' using errcode = 'check_violation', detail = vill.name;
      end if;
      -- each old grid keeps its id on the new outline it overlaps most, greedily by area
      used_grids := '{}';
      used_parts := '{}';
      for m in
        select x.id, p.n, ST_Area(ST_Intersection(x.geom, p.geom, 1e-9)) a
        from public.grids x, unnest(parts) with ordinality p(geom, n)
        where x.village_id = vill.id and x.geom && p.geom
        order by 3 desc, 1, 2
      loop
        continue when m.a <= 0 or m.id = any(used_grids) or m.n = any(used_parts);
        used_grids := used_grids || m.id;
        used_parts := used_parts || m.n;
      end loop;
      perform 1 from public.grids x where x.village_id = vill.id order by x.id for update;
      -- the new grids first, in one statement (codes <a new code>.<n>), then the old ones
      -- re-drawn in one: their households that leave find the new grids at once (each
      -- statement re-derives; a household left without a grid in between is looked at again)
      with made as (
        insert into public.grids (village_id, code, name, geom)
        select vill.id, c.base || '.' || p.n,
               vill.name || '新网格' || (c.existing + row_number() over (order by p.n)), p.geom
        from unnest(parts) with ordinality p(geom, n),
             (select app.new_grid_code(vill.code) base,
                     (select count(*) from public.grids x where x.village_id = vill.id) existing) c
        where p.n <> all(used_parts)
        returning id, code
      )
      select coalesce(array_agg(made.id), '{}'),
             refs || coalesce(jsonb_object_agg((e ->> 'as') || '-' || split_part(made.code, '.', -1), made.id)
                              filter (where e ? 'as'), '{}')
      into created_grids, refs
      from made;
      update public.grids x set geom = parts[u.n]
      from unnest(used_grids, used_parts) u(id, n) where x.id = u.id;
      used_grids := used_grids || created_grids;
      created := null;
      -- the old grids no outline went to: their points go to the new grids (grid_removing)
      delete from public.grids x where x.village_id = vill.id and x.id <> all(used_grids);
      perform app.append_audit('grid_replace', 'grids', vill.id, null,
        jsonb_build_object('village', vill.id, 'grids', cardinality(parts), 'kept', cardinality(used_parts)));
    else
      raise exception 'grid_edits_invalid' using errcode = 'check_violation', detail = coalesce(e ->> 'op', 'no op');
    end case;
    if e ? 'as' and created is not null then
      refs := refs || jsonb_build_object(e ->> 'as', created);
    end if;
    created := null;
  end loop;
  return refs;
end
$$;
revoke execute on function app.grid_edits_apply(jsonb, bigint[]) from public, anon, authenticated;

-- The figures a draft is judged by, for every grid of the villages: households, vulnerable
-- households, incidents in the last 12 months, the primary officer with the households of all
-- their grids (workload), reach (the farthest household from the post or station nearest the
-- grid, in km: the planners' "within 3 km" rule), the area, the version (which a commit
-- names), the outline.
create or replace function app.grid_draft_figures(villages bigint[]) returns json
language sql stable security definer set search_path = public, extensions, pg_temp as $$
  with officer as (
    select a.grid_id, o.id, o.name,
           (select coalesce(sum(c.households), 0) from public.grid_assignments b
            join public.grid_household_counts c on c.grid_id = b.grid_id
            where b.officer_id = o.id and b.role = 'primary' and upper_inf(b.during)) households
    from public.grids g
    join public.grid_assignments a on a.grid_id = g.id and a.role = 'primary' and upper_inf(a.during)
    join public.officers o on o.id = a.officer_id
    where g.village_id = any(villages)
  )
  select coalesce(json_agg(json_build_object(
      'id', g.id, 'code', g.code, 'name', g.name, 'village_id', g.village_id,
      'version', (select v.id from public.grid_versions v where v.grid_id = g.id and upper_inf(v.valid)),
      'households', (select count(*) from public.households h where h.grid_id = g.id),
      'vulnerable', (select count(*) from public.households h where h.grid_id = g.id
                     and public.household_vulnerable(h.elderly_alone, h.past_fraud_victim, h.rental)),
      'incidents_12m', (select count(*) from public.incidents i
                        where i.grid_id = g.id and i.occurred_at >= now() - interval '12 months'),
      'officer', (select json_build_object('id', o.id, 'name', o.name, 'households', o.households)
                  from officer o where o.grid_id = g.id),
      'reach_km', (select round((max(ST_Distance(h.geom::geography, p.geom::geography)) / 1000)::numeric, 1)
                   from (select x.geom from (select po.geom from public.posts po
                                             union all select st.geom from public.stations st) x
                         order by x.geom <-> ST_PointOnSurface(g.geom) limit 1) p
                   join public.households h on h.grid_id = g.id),
      'area_m2', round(ST_Area(g.geom::geography)::numeric),
      'geometry', ST_AsGeoJSON(g.geom, 7)::json) order by g.id), '[]'::json)
  from public.grids g where g.village_id = any(villages)
$$;
revoke execute on function app.grid_draft_figures(bigint[]) from public, anon, authenticated;

-- What a draft would do, written nowhere: the edits run in a subtransaction with every rule
-- checked (overlaps, stranded households), the figures are read, and the subtransaction rolls
-- back. Admins, station heads and planners (villages they can read).
create or replace function app.preview_grid_edits(edits jsonb) returns json
language plpgsql volatile security definer set search_path = public, extensions, pg_temp as $$
declare
  villages bigint[] := app.grid_edit_villages(edits, false);
  before json := app.grid_draft_figures(villages);
  after json;
  moved text;
  refs jsonb;
begin
  begin
    perform set_config('app.households_moved', '0', true);
    refs := app.grid_edits_apply(edits, villages);
    -- the commit-time checks, now, so the preview refuses what the commit would
    set constraints all immediate;
    after := app.grid_draft_figures(villages);
    moved := current_setting('app.households_moved', true);
    -- an error code of its own, so nothing else is mistaken for the preview's rollback
    raise exception using errcode = 'GPMRB', message = 'preview rolled back';
  exception when sqlstate 'GPMRB' then
    null;
  end;
  -- back to the default (every deferrable constraint here is initially deferred), for any
  -- later statement of the caller's transaction
  set constraints all deferred;
  -- the created grids' ids are the rolled-back subtransaction's: `refs` names them for the editor
  return json_build_object('before', before, 'after', after, 'refs', refs,
                           'households_moved', coalesce(moved, '0')::integer);
end
$$;
comment on function app.preview_grid_edits(edits jsonb) is
  'lint 0029, deliberate: security definer and executable by authenticated, because it is the app''s RPC for this; it checks the caller''s claims (role, station, planner scope) itself, and writes nothing (its subtransaction rolls back).';
revoke execute on function app.preview_grid_edits(jsonb) from public, anon;
grant execute on function app.preview_grid_edits(jsonb) to authenticated;

-- Commits a draft in one transaction. `versions` maps every grid id of the draft's villages to
-- the version the draft began on (its preview's `before`); any difference (a grid changed,
-- added or deleted meanwhile) refuses the whole draft with grid_conflict.
create or replace function app.commit_grid_edits(edits jsonb, versions jsonb) returns json
language plpgsql volatile security definer set search_path = public, extensions, pg_temp as $$
declare
  villages bigint[] := app.grid_edit_villages(edits, true);
  changed text;
begin
  perform 1 from public.grids g where g.village_id = any(villages) order by g.id for update;
  select string_agg(coalesce(g.code, '#' || s.key), ', ') into changed
  from (select g.id::text id, g.code, (select v.id from public.grid_versions v
                                       where v.grid_id = g.id and upper_inf(v.valid)) version
        from public.grids g where g.village_id = any(villages)) g
  full join jsonb_each_text(coalesce(versions, '{}'::jsonb)) s on s.key = g.id
  where g.version::text is distinct from s.value;
  if changed is not null then
    raise exception 'grid_conflict' using errcode = 'serialization_failure',
      detail = format('changed since the draft began: %s', changed);
  end if;
  perform set_config('app.households_moved', '0', true);
  perform app.grid_edits_apply(edits, villages);
  perform app.append_audit('grid_edits', 'villages', villages[1], null,
    jsonb_build_object('villages', villages, 'edits', jsonb_array_length(edits),
                       'ops', (select jsonb_agg(e ->> 'op') from jsonb_array_elements(edits) e)));
  set constraints all immediate;
  set constraints all deferred;
  return json_build_object('after', app.grid_draft_figures(villages),
                           'households_moved', current_setting('app.households_moved', true)::integer);
end
$$;
comment on function app.commit_grid_edits(edits jsonb, versions jsonb) is
  'lint 0029, deliberate: security definer and executable by authenticated, because it is the app''s RPC for this; it checks the caller''s claims (role, station, admin) itself before it reads or writes.';
revoke execute on function app.commit_grid_edits(jsonb, jsonb) from public, anon;
grant execute on function app.commit_grid_edits(jsonb, jsonb) to authenticated;

-- The exposed RPC names (security invoker wrappers: PostgREST exposes `public` only). The
-- edits travel as JSON text, as split_grid's line does, so every transport passes them alike.
create or replace function public.preview_grid_edits(edits text) returns json
language sql volatile set search_path = public, extensions, pg_temp as $$
  select app.preview_grid_edits(edits::jsonb)
$$;
revoke execute on function public.preview_grid_edits(text) from public, anon;
grant execute on function public.preview_grid_edits(text) to authenticated;
create or replace function public.commit_grid_edits(edits text, versions text) returns json
language sql volatile set search_path = public, extensions, pg_temp as $$
  select app.commit_grid_edits(edits::jsonb, versions::jsonb)
$$;
revoke execute on function public.commit_grid_edits(text, text) from public, anon;
grant execute on function public.commit_grid_edits(text, text) to authenticated;
