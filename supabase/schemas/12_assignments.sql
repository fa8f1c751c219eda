-- Assigning officers to grids. Only assign_officer / unassign_officer write assignments (no
-- table grants), so every change is checked and audited in one place. The rules hold for
-- every writer, the seeder and admins included, through the trigger below.

-- An officer serves grids of their own station; a retired officer gets no active assignment;
-- police assistants (警务助理) help but are never a grid's primary officer.
create function public.assignment_rules() returns trigger
language plpgsql set search_path = public, extensions, pg_temp as $$
declare
  o record;
  grid_station bigint;
begin
  select station_id, status, kind into o from public.officers where id = new.officer_id;
  select v.station_id into grid_station
  from public.grids g join public.villages v on v.id = g.village_id where g.id = new.grid_id;
  if o.station_id is distinct from grid_station then
    raise exception 'officer_other_station' using errcode = 'check_violation',
      detail = format('officer %s belongs to station %s, grid %s to station %s', new.officer_id, o.station_id, new.grid_id, grid_station);
  end if;
  if upper_inf(new.during) and o.status = 'retired' then
    raise exception 'officer_retired' using errcode = 'check_violation';
  end if;
  if new.role = 'primary' and o.kind = 'assistant' then
    raise exception 'assistant_cannot_be_primary' using errcode = 'check_violation';
  end if;
  return new;
end
$$;
create trigger grid_assignments_rules before insert or update on public.grid_assignments
for each row execute function public.assignment_rules();

-- Writes one audit row; security definer because nobody may insert into audit_log directly.
create function app.append_audit(action text, table_name text, row_id bigint, before jsonb, after jsonb)
returns void
language sql volatile security definer set search_path = '' as $$
  insert into public.audit_log (actor, action, table_name, row_id, before, after)
  values (auth.uid(), action, table_name, row_id, before, after)
$$;
revoke execute on function app.append_audit(text, text, bigint, jsonb, jsonb) from public, anon, authenticated;

-- The station head's checks, shared by assign and unassign: signed in as a station head, the
-- grid in their own station. Returns the grid's station.
create function app.require_own_grid(grid bigint) returns bigint
language plpgsql stable security definer set search_path = '' as $$
declare
  station bigint;
begin
  if app.claim_role() <> 'station_head' then
    raise exception 'assign_not_allowed' using errcode = 'insufficient_privilege';
  end if;
  select v.station_id into station
  from public.grids g join public.villages v on v.id = g.village_id where g.id = grid;
  if station is null then
    raise exception 'grid_not_found' using errcode = 'no_data_found';
  end if;
  if station is distinct from app.claim_station() then
    raise exception 'grid_not_in_station' using errcode = 'insufficient_privilege';
  end if;
  return station;
end
$$;
revoke execute on function app.require_own_grid(bigint) from public, anon, authenticated;

-- Assign (or replace) the officer of a grid. `expected_officer_id` is the officer the caller
-- saw (null = none): if someone changed the grid meanwhile the call fails with
-- assignment_conflict instead of silently overwriting.
create function app.assign_officer(grid_id bigint, officer_id bigint, role text, expected_officer_id bigint)
returns json
language plpgsql volatile security definer set search_path = '' as $$
declare
  station bigint := app.require_own_grid(grid_id);
  current record;
  created public.grid_assignments;
begin
  if role not in ('primary', 'helper') then
    raise exception 'invalid_assignment_role' using errcode = 'check_violation';
  end if;
  if not exists (select 1 from public.officers o where o.id = officer_id and o.station_id = station) then
    raise exception 'officer_other_station' using errcode = 'check_violation';
  end if;
  select a.* into current from public.grid_assignments a
  where a.grid_id = assign_officer.grid_id and a.role = assign_officer.role and upper_inf(a.during)
    and (assign_officer.role = 'primary' or a.officer_id = assign_officer.officer_id)
  for update;
  if role = 'primary' and current.officer_id is distinct from expected_officer_id then
    raise exception 'assignment_conflict' using errcode = 'serialization_failure',
      detail = format('grid %s now has officer %s', grid_id, current.officer_id);
  end if;
  if current.officer_id = officer_id then
    return json_build_object('assignment_id', current.id, 'changed', false);
  end if;
  if current.id is not null then
    update public.grid_assignments set during = tstzrange(lower(during), clock_timestamp(), '[)') where id = current.id;
  end if;
  -- clock time, not transaction time: several changes in one transaction stay ordered
  insert into public.grid_assignments as a (grid_id, officer_id, role, during, assigned_by)
  values (grid_id, officer_id, role, tstzrange(clock_timestamp(), null, '[)'), auth.uid())
  returning * into created;
  perform app.append_audit(case when current.id is null then 'assign' else 'replace' end,
    'grid_assignments', created.id,
    case when current.id is null then null else jsonb_build_object('officer_id', current.officer_id, 'assignment_id', current.id) end,
    jsonb_build_object('grid_id', grid_id, 'officer_id', officer_id, 'role', role, 'assignment_id', created.id));
  return json_build_object('assignment_id', created.id, 'changed', true);
exception
  when exclusion_violation then
    raise exception 'assignment_conflict' using errcode = 'serialization_failure';
end
$$;
comment on function app.assign_officer(grid_id bigint, officer_id bigint, role text, expected_officer_id bigint) is
  'lint 0029, deliberate: security definer and executable by authenticated, because it is the app''s RPC for this; it checks the caller''s claims (role, station, admin) itself before it reads or writes.';
revoke execute on function app.assign_officer(bigint, bigint, text, bigint) from public, anon;
grant execute on function app.assign_officer(bigint, bigint, text, bigint) to authenticated;

create function app.unassign_officer(grid_id bigint, officer_id bigint, role text)
returns json
language plpgsql volatile security definer set search_path = '' as $$
declare
  station bigint := app.require_own_grid(grid_id);
  current record;
begin
  select a.* into current from public.grid_assignments a
  where a.grid_id = unassign_officer.grid_id and a.officer_id = unassign_officer.officer_id
    and a.role = unassign_officer.role and upper_inf(a.during)
  for update;
  if current.id is null then
    raise exception 'assignment_conflict' using errcode = 'serialization_failure',
      detail = format('officer %s is no longer %s of grid %s (station %s)', officer_id, role, grid_id, station);
  end if;
  update public.grid_assignments set during = tstzrange(lower(during), clock_timestamp(), '[)') where id = current.id;
  perform app.append_audit('unassign', 'grid_assignments', current.id,
    jsonb_build_object('grid_id', grid_id, 'officer_id', officer_id, 'role', role), null);
  return json_build_object('assignment_id', current.id, 'changed', true);
end
$$;
comment on function app.unassign_officer(grid_id bigint, officer_id bigint, role text) is
  'lint 0029, deliberate: security definer and executable by authenticated, because it is the app''s RPC for this; it checks the caller''s claims (role, station, admin) itself before it reads or writes.';
revoke execute on function app.unassign_officer(bigint, bigint, text) from public, anon;
grant execute on function app.unassign_officer(bigint, bigint, text) to authenticated;

-- The exposed RPC names (security invoker wrappers: PostgREST exposes `public` only).
create function public.assign_officer(grid_id bigint, officer_id bigint, role text default 'primary',
  expected_officer_id bigint default null) returns json
language sql volatile set search_path = public, extensions, pg_temp as $$ select app.assign_officer(grid_id, officer_id, role, expected_officer_id) $$;
create function public.unassign_officer(grid_id bigint, officer_id bigint, role text default 'primary')
returns json
language sql volatile set search_path = public, extensions, pg_temp as $$ select app.unassign_officer(grid_id, officer_id, role) $$;
revoke execute on function public.assign_officer(bigint, bigint, text, bigint), public.unassign_officer(bigint, bigint, text) from public, anon;
grant execute on function public.assign_officer(bigint, bigint, text, bigint), public.unassign_officer(bigint, bigint, text) to authenticated;
