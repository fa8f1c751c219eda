-- Live changes for the command room (指挥室). Every change the live map shows (incidents, officer
-- positions, grid assignments, door-knock visits) is appended to a change log and announced
-- with pg_notify. The server relays announcements over Server-Sent Events; a client that lost
-- its connection catches up with changes_since(ts). Reading the log goes through RLS, so each
-- client receives only what its user may read.

create table public.live_changes (
  id bigint generated always as identity primary key,
  -- clock time, not transaction time: changes inside one transaction stay ordered
  at timestamptz not null default clock_timestamp(),
  -- grid_plan: a village's grids were re-drawn (open maps reload its grids)
  kind text not null check (kind in ('incident', 'officer', 'assignment', 'visit', 'grid_plan')),
  op text not null check (op in ('insert', 'update')),
  entity_id bigint not null,
  -- where the change is, for RLS: a village, or (officers) a station
  village_id bigint,
  station_id bigint,
  data jsonb not null
);
create index live_changes_at_idx on public.live_changes (at);

alter table public.live_changes enable row level security;
create policy "staff read the changes of places they may read" on public.live_changes
  for select to authenticated using (
    ((select app.reads_every_station()) and (village_id is not null or station_id is not null))
    or case when village_id is not null then village_id in (select v.id from public.villages v)
            else station_id in (select app.readable_stations()) end);
grant select on public.live_changes to authenticated;

-- Bulk loads (the demo seeder, imports) set app.bulk_load so a year of incidents is not
-- announced to every open map.
create function app.live_quiet() returns boolean
language sql stable set search_path = public, extensions, pg_temp as $$
  select coalesce(current_setting('app.bulk_load', true), '') = 'on'
$$;

-- Security definer: nobody may write the log directly, the triggers write it for them. The
-- search path is pinned to public, extensions (PostGIS) with pg_temp last, so a caller cannot
-- shadow a function the definer runs.
create function app.append_live_change(kind text, op text, entity_id bigint, village_id bigint,
                                       station_id bigint, data jsonb)
returns void
language plpgsql volatile security definer set search_path = public, extensions, pg_temp as $$
declare
  new_id bigint;
begin
  insert into public.live_changes (kind, op, entity_id, village_id, station_id, data)
  values (kind, op, entity_id, village_id, station_id, data)
  returning id into new_id;
  -- delivered at commit, in commit order; the payload is only the id (RLS decides the rest)
  perform pg_notify('live_changes', new_id::text);
  -- the log is a short-term buffer for reconnects, not history: trim it now and then
  if new_id % 1000 = 0 then
    delete from public.live_changes where at < clock_timestamp() - interval '2 days';
  end if;
end
$$;
revoke execute on function app.append_live_change(text, text, bigint, bigint, bigint, jsonb) from public, anon, authenticated;

-- What the live map needs of an incident; the same shape changes_since and the layer use.
create function app.incident_live(i public.incidents) returns jsonb
language sql stable set search_path = public, extensions, pg_temp as $$
  select jsonb_build_object(
    'id', i.id, 'code', i.code, 'category', i.category, 'status', i.status, 'priority', i.priority,
    'summary', i.summary, 'time', extract(epoch from i.occurred_at)::bigint,
    'position', jsonb_build_array(round(ST_X(i.geom)::numeric, 6), round(ST_Y(i.geom)::numeric, 6)),
    'grid_id', i.grid_id, 'village_id', i.village_id, 'station_id', i.station_id,
    'mediation_status', i.mediation_status)
$$;

-- The trigger functions run as their triggers fire (no EXECUTE needed); nobody calls them.
create function app.incident_changed() returns trigger
language plpgsql security definer set search_path = public, extensions, pg_temp as $$
begin
  if app.live_quiet() then return null; end if;
  perform app.append_live_change('incident', lower(tg_op), new.id, new.village_id, new.station_id,
                                 app.incident_live(new));
  return null;
end
$$;
revoke execute on function app.incident_changed() from public, anon, authenticated;
-- a bulk re-derivation (app.bulk_load) skips the trigger call per row, not only its work
create trigger incidents_live after insert or update on public.incidents
for each row when (current_setting('app.bulk_load', true) is distinct from 'on')
execute function app.incident_changed();

create function app.officer_moved() returns trigger
language plpgsql security definer set search_path = public, extensions, pg_temp as $$
begin
  if app.live_quiet() then return null; end if;
  perform app.append_live_change('officer', 'update', new.id, null, new.station_id, jsonb_build_object(
    'id', new.id, 'name', new.name, 'kind', new.kind, 'station_id', new.station_id, 'status', new.status,
    'position', case when new.geom is null then null
                else jsonb_build_array(round(ST_X(new.geom)::numeric, 6), round(ST_Y(new.geom)::numeric, 6)) end,
    'at', coalesce(new.position_at, clock_timestamp())));
  return null;
end
$$;
revoke execute on function app.officer_moved() from public, anon, authenticated;
create trigger officers_live after update of geom, position_at, status on public.officers
for each row when (new.geom is distinct from old.geom or new.status is distinct from old.status)
execute function app.officer_moved();

create function app.assignment_changed() returns trigger
language plpgsql security definer set search_path = public, extensions, pg_temp as $$
declare
  village bigint;
begin
  if app.live_quiet() then return null; end if;
  select g.village_id into village from public.grids g where g.id = new.grid_id;
  perform app.append_live_change('assignment', lower(tg_op), new.id, village, null, jsonb_build_object(
    'grid_id', new.grid_id, 'officer_id', new.officer_id, 'role', new.role,
    'active', upper_inf(new.during)));
  return null;
end
$$;
revoke execute on function app.assignment_changed() from public, anon, authenticated;
create trigger grid_assignments_live after insert or update on public.grid_assignments
for each row execute function app.assignment_changed();

create function app.visit_recorded() returns trigger
language plpgsql security definer set search_path = public, extensions, pg_temp as $$
declare
  village bigint;
begin
  if app.live_quiet() then return null; end if;
  select g.village_id into village from public.grids g where g.id = new.grid_id;
  perform app.append_live_change('visit', lower(tg_op), new.id, village, null, jsonb_build_object(
    'campaign_id', new.campaign_id, 'grid_id', new.grid_id, 'household_id', new.household_id,
    'block_id', new.block_id, 'outcome', new.outcome));
  return null;
end
$$;
revoke execute on function app.visit_recorded() from public, anon, authenticated;
create trigger campaign_visits_live after insert or update on public.campaign_visits
for each row when (current_setting('app.bulk_load', true) is distinct from 'on')
execute function app.visit_recorded();

-- One change as the client's ChangeEvent.
create function app.change_json(c public.live_changes) returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  select json_build_object('id', c.id, 'at', c.at, 'kind', c.kind, 'op', c.op,
                           'entity_id', c.entity_id, 'data', c.data)
$$;
grant execute on function app.change_json(public.live_changes) to authenticated;

-- Catch-up after a reconnect: every change the caller may read since `since` (inclusive; the
-- client removes duplicates by id). Capped: a client that was away longer reloads instead.
create function public.changes_since(since timestamptz, max_changes integer default 5000) returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  with c as (
    select * from public.live_changes where at >= since order by id limit max_changes + 1
  )
  select json_build_object(
    'changes', coalesce((select json_agg(app.change_json(c) order by c.id)
                         from (select * from c order by id limit max_changes) c), '[]'::json),
    'truncated', (select count(*) > max_changes from c),
    'now', clock_timestamp())
$$;

-- The relay: the announced ids, filtered by what the caller may read.
create function public.changes_by_ids(ids bigint[]) returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  select coalesce(json_agg(app.change_json(c) order by c.id), '[]'::json)
  from public.live_changes c where c.id = any (ids)
$$;
