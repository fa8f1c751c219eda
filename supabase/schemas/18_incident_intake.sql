-- Incident intake and the dispute register (矛盾纠纷 清单 + 闭环). Officers, station heads and
-- the command room record incidents and move them on (new → dispatched → on scene → closed);
-- every dispute has an owner and a deadline until it is closed as mediated or unresolved.
-- Writes go through these functions only (no table grants), so each one is checked and audited.

alter table public.incidents
  add column owner_id bigint references public.officers (id),
  add column due_at timestamptz,
  add column closed_at timestamptz,
  add column reported_by uuid,
  add constraint incidents_register_only_for_disputes
    check ((owner_id is null and due_at is null) or category = 'dispute'),
  add constraint incidents_closed_dispute_has_outcome
    check (category <> 'dispute' or status <> 'closed' or mediation_status is not null);
create index incidents_open_disputes_idx on public.incidents (due_at)
  where category = 'dispute' and status <> 'closed';
create index incidents_owner_idx on public.incidents (owner_id);
-- the command room's figures read incidents closed in a window, and old ones still open
create index incidents_closed_idx on public.incidents (closed_at);
create index incidents_unclosed_idx on public.incidents (occurred_at) where status <> 'closed';

-- How long a dispute may stay open before it is overdue (闭环 deadline).
create function app.dispute_deadline() returns interval
language sql immutable set search_path = public, extensions, pg_temp as $$ select interval '7 days' $$;

-- A dispute gets a deadline and, while open, an owner: the grid's primary officer.
create function public.dispute_register_defaults() returns trigger
language plpgsql set search_path = public, extensions, pg_temp as $$
begin
  if new.category = 'dispute' then
    new.due_at := coalesce(new.due_at, new.occurred_at + app.dispute_deadline());
    if new.owner_id is null and new.status <> 'closed' then
      select a.officer_id into new.owner_id from public.grid_assignments a
      where a.grid_id = new.grid_id and a.role = 'primary' and upper_inf(a.during);
    end if;
  end if;
  if new.status = 'closed' and new.closed_at is null then
    -- an incident loaded as closed (demo data, imports) closed some hours after it happened
    new.closed_at := case when tg_op = 'INSERT' then least(new.occurred_at + interval '6 hours', clock_timestamp())
                          else clock_timestamp() end;
  end if;
  return new;
end
$$;
-- after incidents_locate (triggers fire in name order): the grid is known by then
create trigger incidents_register before insert or update on public.incidents
for each row execute function public.dispute_register_defaults();

-- Who may record and move incidents: everyone on duty but planners.
create function app.require_incident_writer() returns void
language plpgsql stable security definer set search_path = public, extensions, pg_temp as $$
begin
  if app.claim_role() not in ('officer', 'station_head', 'command', 'admin') then
    raise exception 'incident_not_allowed' using errcode = 'insufficient_privilege';
  end if;
end
$$;
revoke execute on function app.require_incident_writer() from public, anon, authenticated;

-- Record an incident at a WGS84 point (the app converts GCJ-02 before calling). Grid, village
-- and station follow from the point; the point must lie in the caller's jurisdiction.
create function public.record_incident(category text, priority integer, summary text,
                                       lon double precision, lat double precision,
                                       occurred_at timestamptz default null)
returns json
language plpgsql volatile security definer set search_path = public, extensions, pg_temp as $$
declare
  p geometry;
  village bigint;
  station bigint;
  county text;
  new_id bigint := nextval(pg_get_serial_sequence('public.incidents', 'id'));
  created public.incidents;
begin
  perform app.require_incident_writer();
  if lon is null or lat is null or lon = 'NaN'::float8 or lat = 'NaN'::float8 then
    raise exception 'incident_location_required' using errcode = 'check_violation';
  end if;
  p := ST_SetSRID(ST_MakePoint(lon, lat), 4326);
  if not public.in_china_bounds(p) then
    -- (lat, lon) swapped puts Zhejiang at 28°E 120°N, outside China
    raise exception 'incident_outside_china' using errcode = 'check_violation',
      detail = format('%s, %s', lon, lat);
  end if;
  select v.id, v.station_id into village, station from public.villages v where ST_Intersects(v.geom, p)
  order by v.id limit 1;
  if village is null then
    raise exception 'incident_outside_grids' using errcode = 'check_violation';
  end if;
  if station not in (select app.readable_stations()) then
    raise exception 'incident_outside_jurisdiction' using errcode = 'insufficient_privilege';
  end if;
  if occurred_at is not null and occurred_at > clock_timestamp() + interval '5 minutes' then
    raise exception 'incident_in_future' using errcode = 'check_violation';
  end if;
  select c.code into county from public.villages v join public.townships t on t.id = v.township_id
  join public.counties c on c.id = t.county_id where v.id = village;
  insert into public.incidents as i (id, code, category, priority, summary, occurred_at, geom, reported_by)
  values (
    new_id,
    -- a number in the 110 system's shape, W for "recorded on the map"; unique through the id
    'J' || county || to_char(clock_timestamp() at time zone 'Asia/Shanghai', 'YYYY') || 'W'
        || lpad(new_id::text, 7, '0'),
    category, priority, coalesce(summary, ''), coalesce(occurred_at, clock_timestamp()), p, auth.uid())
  returning * into created;
  perform app.append_audit('record_incident', 'incidents', created.id, null, to_jsonb(created) - 'geom');
  return app.incident_live(created)::json;
end
$$;
comment on function public.record_incident(category text, priority integer, summary text, lon double precision, lat double precision, occurred_at timestamp with time zone) is
  'lint 0029, deliberate: security definer and executable by authenticated, because it is the app''s RPC for this; it checks the caller''s claims (role, station, admin) itself before it reads or writes.';
revoke execute on function public.record_incident(text, integer, text, double precision, double precision, timestamptz) from public, anon;
grant execute on function public.record_incident(text, integer, text, double precision, double precision, timestamptz) to authenticated;

-- Move an incident on by one click. Forward only; a dispute closes as mediated or unresolved.
-- `expected_status` is what the caller saw: a stale screen gets incident_conflict, not a
-- silent overwrite.
create function public.set_incident_status(incident_id bigint, status text, expected_status text,
                                           mediation_status text default null)
returns json
language plpgsql volatile security definer set search_path = public, extensions, pg_temp as $$
declare
  current public.incidents;
  updated public.incidents;
  steps constant text[] := array['new', 'dispatched', 'on_scene', 'closed'];
begin
  perform app.require_incident_writer();
  select i.* into current from public.incidents i where i.id = incident_id for update;
  if current.id is null or current.station_id not in (select app.readable_stations()) then
    raise exception 'incident_not_found' using errcode = 'no_data_found';
  end if;
  if current.status is distinct from expected_status then
    raise exception 'incident_conflict' using errcode = 'serialization_failure',
      detail = format('incident %s is now %s', incident_id, current.status);
  end if;
  if array_position(steps, status) is null or array_position(steps, status) <= array_position(steps, current.status) then
    raise exception 'incident_status_backwards' using errcode = 'check_violation';
  end if;
  if current.category = 'dispute' and status = 'closed'
     and coalesce(mediation_status, '') not in ('mediated', 'unresolved') then
    raise exception 'dispute_outcome_required' using errcode = 'check_violation';
  end if;
  if current.category <> 'dispute' and mediation_status is not null then
    raise exception 'incidents_mediation_only_for_disputes' using errcode = 'check_violation';
  end if;
  update public.incidents i set status = set_incident_status.status,
    mediation_status = coalesce(set_incident_status.mediation_status, i.mediation_status),
    updated_at = clock_timestamp()
  where i.id = incident_id returning * into updated;
  perform app.append_audit('incident_status', 'incidents', incident_id,
    jsonb_build_object('status', current.status, 'mediation_status', current.mediation_status),
    jsonb_build_object('status', updated.status, 'mediation_status', updated.mediation_status));
  return app.incident_live(updated)::json;
end
$$;
comment on function public.set_incident_status(incident_id bigint, status text, expected_status text, mediation_status text) is
  'lint 0029, deliberate: security definer and executable by authenticated, because it is the app''s RPC for this; it checks the caller''s claims (role, station, admin) itself before it reads or writes.';
revoke execute on function public.set_incident_status(bigint, text, text, text) from public, anon;
grant execute on function public.set_incident_status(bigint, text, text, text) to authenticated;

-- The register: open disputes with owner and deadline, overdue first; and the ones closed
-- in the last 7 days, so the room sees the 闭环 happen.
create function public.dispute_register() returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  select coalesce(json_agg(json_build_object(
      'id', i.id, 'code', i.code, 'summary', i.summary, 'status', i.status,
      'mediation_status', i.mediation_status, 'time', extract(epoch from i.occurred_at)::bigint,
      'due', extract(epoch from i.due_at)::bigint, 'owner', o.name, 'village', v.name,
      'overdue', i.status <> 'closed' and i.due_at < now(),
      'position', json_build_array(round(ST_X(i.geom)::numeric, 6), round(ST_Y(i.geom)::numeric, 6)))
    order by (i.status <> 'closed' and i.due_at < now()) desc, i.status = 'closed', i.due_at), '[]'::json)
  from public.incidents i
  left join public.officers o on o.id = i.owner_id
  left join public.villages v on v.id = i.village_id
  where i.category = 'dispute' and (i.status <> 'closed' or i.closed_at >= now() - interval '7 days')
$$;

grant execute on function app.incident_live(public.incidents) to authenticated;

-- Typing a place instead of clicking it: villages by name, households by standard address.
create function public.find_places(query text) returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  with q as (select nullif(btrim(query), '') as text),
  villages as (
    select 'village' as kind, v.name as label, t.name as context, ST_PointOnSurface(v.geom) as p
    from public.villages v join public.townships t on t.id = v.township_id, q
    where length(q.text) >= 2 and v.name like '%' || q.text || '%'
    order by length(v.name), v.id limit 5
  ), addresses as (
    select 'household' as kind, h.address as label, v.name as context, h.geom as p
    from public.households h join public.villages v on v.id = h.village_id, q
    where length(q.text) >= 2 and h.address like '%' || q.text || '%'
    order by length(h.address), h.id limit 8
  )
  select coalesce(json_agg(json_build_object('kind', r.kind, 'label', r.label, 'context', r.context,
      'position', json_build_array(round(ST_X(r.p)::numeric, 6), round(ST_Y(r.p)::numeric, 6)))), '[]'::json)
  from (select * from villages union all select * from addresses) r
$$;
