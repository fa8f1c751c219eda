-- Roles and row-level security. Claims live in app_metadata (set by the server or Supabase
-- Auth, never editable by the user): app_role, station_id, county_id (a command room's or
-- planner's jurisdiction; null = the whole city) and officer_id. Policies are named as
-- sentences and wrap the claim helpers in (select …) so Postgres evaluates them once per
-- statement, not once per row.

create function app.claim_role() returns text
language sql stable set search_path = public, extensions, pg_temp as $$
  select coalesce(auth.jwt() -> 'app_metadata' ->> 'app_role', '')
$$;

create function app.claim_station() returns bigint
language sql stable set search_path = public, extensions, pg_temp as $$
  select nullif(auth.jwt() -> 'app_metadata' ->> 'station_id', '')::bigint
$$;

create function app.claim_county() returns bigint
language sql stable set search_path = public, extensions, pg_temp as $$
  select nullif(auth.jwt() -> 'app_metadata' ->> 'county_id', '')::bigint
$$;

create function app.claim_officer() returns bigint
language sql stable set search_path = public, extensions, pg_temp as $$
  select nullif(auth.jwt() -> 'app_metadata' ->> 'officer_id', '')::bigint
$$;

grant execute on function app.claim_role(), app.claim_station(), app.claim_county(), app.claim_officer()
  to anon, authenticated, service_role;

-- Whether the caller may read every station: an admin, or a command room or planner whose
-- claims name no county.
create function app.reads_every_station() returns boolean
language sql stable set search_path = public, extensions, pg_temp as $$
  select case app.claim_role()
    when 'command' then app.claim_county() is null
    when 'planner' then app.claim_county() is null
    when 'admin' then true
    else false
  end
$$;
grant execute on function app.reads_every_station() to authenticated;

-- Station ids the caller may read: their own station, or every station of their jurisdiction.
-- The claims are read once (initplans), not once per station: each helper call sets and resets
-- its search_path, which at a province's 1,900 stations cost more than the scan.
create function app.readable_stations() returns setof bigint
language sql stable set search_path = public, extensions, pg_temp as $$
  select s.id from public.stations s
  where (select app.reads_every_station()) or case (select app.claim_role())
    when 'station_head' then s.id = (select app.claim_station())
    when 'officer' then s.id = (select app.claim_station())
    when 'command' then s.county_id = (select app.claim_county())
    when 'planner' then s.county_id = (select app.claim_county())
    else false
  end
$$;
grant execute on function app.readable_stations() to authenticated;

-- grids, households, incidents … follow the villages the caller can see (RLS applies inside
-- the subquery), so jurisdiction is decided in one place. A caller who reads every station
-- reads every row with a place (a non-null parent) without that subquery: nested, the
-- subqueries cost a province's command room six times the work of its query. Where the parent
-- column is nullable, a row without one stays hidden, as the subquery hides it.
create policy "staff read the villages of the stations they may read" on public.villages
  for select to authenticated using ((select app.reads_every_station()) or station_id in (select app.readable_stations()));
create policy "staff read the grid versions of villages they can see" on public.grid_versions
  for select to authenticated using ((select app.reads_every_station()) or village_id in (select v.id from public.villages v));
create policy "staff read the grids of villages they can see" on public.grids
  for select to authenticated using ((select app.reads_every_station()) or village_id in (select v.id from public.villages v));
create policy "staff read the officers of stations they may read" on public.officers
  for select to authenticated using ((select app.reads_every_station()) or station_id in (select app.readable_stations()));
create policy "staff read the assignments of grids they can see" on public.grid_assignments
  for select to authenticated using ((select app.reads_every_station()) or grid_id in (select v.grid_id from public.grid_versions v));
create policy "staff read the households of grids they can see" on public.households
  for select to authenticated using ((select app.reads_every_station()) or grid_id in (select g.id from public.grids g));
create policy "staff read the household counts of grids they can see" on public.grid_household_counts
  for select to authenticated using ((select app.reads_every_station()) or grid_id in (select g.id from public.grids g));
create policy "staff read the incidents of villages they can see" on public.incidents
  for select to authenticated using (
    ((select app.reads_every_station()) and village_id is not null) or village_id in (select v.id from public.villages v));
create policy "staff read the campaign grids they can see" on public.campaign_block_grids
  for select to authenticated using ((select app.reads_every_station()) or grid_id in (select v.grid_id from public.grid_versions v));
create policy "staff read the visits of grids they can see" on public.campaign_visits
  for select to authenticated using ((select app.reads_every_station()) or grid_id in (select v.grid_id from public.grid_versions v));
create policy "staff read the key units of villages they can see" on public.key_units
  for select to authenticated using (
    ((select app.reads_every_station()) and village_id is not null) or village_id in (select v.id from public.villages v));
create policy "command rooms and admins read the audit log; others their own entries" on public.audit_log
  for select to authenticated using (
    (select app.claim_role()) in ('command', 'admin') or actor = (select auth.uid()));

-- Indexes on the columns the policies read (villages.station_id, grids.village_id,
-- households.grid_id … exist already); stations by county for jurisdictions:
create index if not exists campaign_visits_grid_idx on public.campaign_visits (grid_id);
create index if not exists key_units_village_idx on public.key_units (village_id);
create index if not exists audit_log_actor_idx on public.audit_log (actor);

-- Residents' personal data: the columns are not readable directly; household_people() returns
-- them masked (138****1234) unless the caller's role needs them (station head of the
-- household's station, or an officer assigned to its grid).
grant select (id, grid_id, village_id, code, address, residents, elderly_alone, past_fraud_victim, rental, geom)
  on public.households to authenticated;

create function app.mask(value text, keep_start integer, keep_end integer) returns text
language sql immutable set search_path = public, extensions, pg_temp as $$
  select case
    when value is null or value = '' then value
    when length(value) <= keep_start + keep_end then repeat('*', length(value))
    else left(value, keep_start) || repeat('*', length(value) - keep_start - keep_end) || right(value, keep_end)
  end
$$;
grant execute on function app.mask(text, integer, integer) to authenticated;

-- Security definer: it reads the revoked columns, so it lives in `app`, checks row visibility
-- itself and fixes its search_path.
create function app.household_people(household_ids bigint[])
returns table (id bigint, head_name text, phone text, id_number text, masked boolean)
language plpgsql stable security definer set search_path = '' as $$
declare
  role text := app.claim_role();
  station bigint := app.claim_station();
  officer bigint := app.claim_officer();
  visible bigint[];
begin
  -- which of the ids the caller could read under RLS (evaluated as the caller's claims)
  select array_agg(h.id) into visible
  from public.households h join public.villages v on v.id = h.village_id
  where h.id = any(household_ids) and v.station_id in (select app.readable_stations());
  return query
  select h.id,
    case when plain then h.head_name else app.mask(h.head_name, 1, 0) end,
    case when plain then h.phone else app.mask(h.phone, 3, 4) end,
    case when plain then h.id_number else app.mask(h.id_number, 6, 4) end,
    not plain
  from public.households h
  join public.villages v on v.id = h.village_id
  cross join lateral (select (role = 'station_head' and v.station_id = station)
    or (role = 'officer' and exists (
      select 1 from public.grid_assignments a
      where a.grid_id = h.grid_id and a.officer_id = officer and upper_inf(a.during))) as plain) p
  where h.id = any(visible);
end
$$;
comment on function app.household_people(household_ids bigint[]) is
  'lint 0029, deliberate: security definer and executable by authenticated, because it is the app''s RPC for this; it checks the caller''s claims (role, station, admin) itself before it reads or writes.';
revoke execute on function app.household_people(bigint[]) from public, anon;
grant execute on function app.household_people(bigint[]) to authenticated;

-- The exposed RPC for it.
create function public.household_people(household_ids bigint[])
returns table (id bigint, head_name text, phone text, id_number text, masked boolean)
language sql stable set search_path = public, extensions, pg_temp as $$ select * from app.household_people(household_ids) $$;

-- Functions are executable by PUBLIC by default; the app's functions are for signed-in users.
revoke execute on function public.household_people(bigint[]) from public, anon;
grant execute on function public.household_people(bigint[]) to authenticated;
