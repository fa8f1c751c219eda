-- Recording door-knock visits from the field. A phone queues visits while offline and sends
-- them when back: each carries a client-generated key, unique here, so a batch sent twice
-- inserts once. The device position is kept and its distance from the household measured, so a
-- visit logged far from the door can be flagged. Each household's campaign state (visited yet,
-- last outcome, last visit) is kept in campaign_households by a statement trigger, so a
-- household visited twice counts once and the campaign's figures never rescan every visit.

alter table public.campaign_visits
  add column client_key uuid,
  add column recorded_by uuid,
  add column distance_m real,
  add column incident_id bigint references public.incidents (id),
  add constraint campaign_visits_client_key_unique unique (client_key);
create index campaign_visits_recorder_idx on public.campaign_visits (recorded_by, visited_at)
  where recorded_by is not null;
create index campaign_visits_campaign_day_idx on public.campaign_visits (campaign_id, visited_at);
-- the incidents a campaign opened are few; find them without scanning its visits
create index campaign_visits_incident_idx on public.campaign_visits (campaign_id) where incident_id is not null;
-- every foreign key leads an index (Supabase lint 0001): deleting or re-keying a parent row
-- then finds its children without scanning the child table
create index campaign_visits_incident_id_idx on public.campaign_visits (incident_id);
create index campaign_visits_block_idx on public.campaign_visits (block_id);

-- Metres from the household to where the device was; null when the device gave no position.
create function public.campaign_visit_measure() returns trigger
language plpgsql set search_path = public, extensions, pg_temp as $$
begin
  new.distance_m := case when new.geom is null then null else
    (select ST_Distance(h.geom::geography, new.geom::geography) from public.households h where h.id = new.household_id) end;
  return new;
end
$$;
create trigger campaign_visits_measure before insert or update of geom, household_id on public.campaign_visits
for each row execute function public.campaign_visit_measure();

create table public.campaign_households (
  campaign_id bigint not null references public.campaigns (id) on delete cascade,
  household_id bigint not null references public.households (id),
  grid_id bigint not null references public.grids (id),
  block_id bigint not null references public.campaign_blocks (id) on delete cascade,
  first_visit_at timestamptz not null,
  -- first visit where someone was reached (outcome visited); null while never reached
  visited_at timestamptz,
  last_visit_at timestamptz not null,
  last_outcome text not null,
  visits integer not null,
  primary key (campaign_id, household_id)
);
create index campaign_households_grid_idx on public.campaign_households (campaign_id, grid_id);
create index campaign_households_block_idx on public.campaign_households (block_id);
create index campaign_households_grid_id_idx on public.campaign_households (grid_id);
create index campaign_households_household_idx on public.campaign_households (household_id);

-- The campaign page's figures per day came from a pass over every visit (3.5 s for 500,000
-- visits embedded). Visits only ever arrive, so the statement trigger that keeps each
-- household's state now also keeps a daily rollup per grid; progress reads the rollup. Per grid,
-- not per block, so row-level security still decides by grid what each caller counts.

create table public.campaign_visit_days (
  campaign_id bigint not null references public.campaigns (id) on delete cascade,
  grid_id bigint not null references public.grids (id),
  day date not null,
  visits integer not null,
  fraud_risks_found integer not null,
  money_protected numeric(14, 2) not null,
  disputes_found integer not null,
  fire_hazards_found integer not null,
  far integer not null,
  very_far integer not null,
  primary key (campaign_id, grid_id, day)
);
create index campaign_visit_days_grid_idx on public.campaign_visit_days (grid_id);
alter table public.campaign_visit_days enable row level security;
create policy "staff read the daily visit figures of grids they can see" on public.campaign_visit_days
  for select to authenticated using ((select app.reads_every_station()) or grid_id in (select v.grid_id from public.grid_versions v));
grant select on public.campaign_visit_days to authenticated;


create function public.campaign_households_track() returns trigger
language plpgsql set search_path = public, extensions, pg_temp as $$
begin
  insert into public.campaign_households as s (campaign_id, household_id, grid_id, block_id,
    first_visit_at, visited_at, last_visit_at, last_outcome, visits)
  select n.campaign_id, n.household_id, min(n.grid_id), min(n.block_id), min(n.visited_at),
         min(n.visited_at) filter (where n.outcome = 'visited'), max(n.visited_at),
         (array_agg(n.outcome order by n.visited_at desc, n.id desc))[1], count(*)
  from new_visits n
  group by n.campaign_id, n.household_id
  on conflict (campaign_id, household_id) do update set
    first_visit_at = least(s.first_visit_at, excluded.first_visit_at),
    visited_at = case when s.visited_at is null then excluded.visited_at
                      when excluded.visited_at is null then s.visited_at
                      else least(s.visited_at, excluded.visited_at) end,
    last_outcome = case when excluded.last_visit_at >= s.last_visit_at then excluded.last_outcome else s.last_outcome end,
    last_visit_at = greatest(s.last_visit_at, excluded.last_visit_at),
    visits = s.visits + excluded.visits;
  insert into public.campaign_visit_days as d (campaign_id, grid_id, day, visits, fraud_risks_found, money_protected,
    disputes_found, fire_hazards_found, far, very_far)
  select n.campaign_id, n.grid_id, (n.visited_at at time zone 'Asia/Shanghai')::date, count(*),
         count(*) filter (where n.fraud_risk_found), coalesce(sum(n.money_protected), 0),
         count(*) filter (where n.dispute_found), count(*) filter (where n.fire_hazard_found),
         count(*) filter (where n.distance_m > 100 and n.distance_m <= 300), count(*) filter (where n.distance_m > 300)
  from new_visits n
  group by 1, 2, 3
  on conflict (campaign_id, grid_id, day) do update set
    visits = d.visits + excluded.visits, fraud_risks_found = d.fraud_risks_found + excluded.fraud_risks_found,
    money_protected = d.money_protected + excluded.money_protected,
    disputes_found = d.disputes_found + excluded.disputes_found,
    fire_hazards_found = d.fire_hazards_found + excluded.fire_hazards_found, far = d.far + excluded.far,
    very_far = d.very_far + excluded.very_far;
  return null;
end
$$;
create trigger campaign_visits_track after insert on public.campaign_visits
referencing new table as new_visits
for each statement execute function public.campaign_households_track();

alter table public.campaign_households enable row level security;
create policy "staff read the campaign households of grids they can see" on public.campaign_households
  for select to authenticated using ((select app.reads_every_station()) or grid_id in (select v.grid_id from public.grid_versions v));
grant select on public.campaign_households to authenticated;

-- Validates a batch of visits row by row. visits: [{ client_key, household_id, visited_at,
-- outcome, visitor_kind, topics[], fraud_risk_found, money_protected, dispute_found,
-- fire_hazard_found, lon, lat, recorded_by }]. Returns each row with its reason for refusal (null =
-- fine). recorded_by, when the phone sends it, is the account that recorded the visit offline: a
-- visit is accepted only from that account, so a queue left on a shared phone is never credited
-- to whoever signs in next.
create function app.campaign_visit_check(campaign bigint, visits json)
returns table (row_no integer, client_key uuid, household_id bigint, visited_at timestamptz,
  outcome text, visitor_kind text, topics text[], fraud_risk_found boolean, money_protected numeric,
  dispute_found boolean, fire_hazard_found boolean, geom extensions.geometry, reason text)
language sql stable security definer set search_path = public, extensions, pg_temp as $$
  with c as (select * from public.campaigns where id = campaign),
  raw as (
    select x.ord::integer as row_no, x.v
    from json_array_elements(visits) with ordinality as x(v, ord)
  ), parsed as (
    select r.row_no,
      case when r.v ->> 'client_key' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
           then (r.v ->> 'client_key')::uuid end as client_key,
      -- by id (the phone) or by standard address code (an import file)
      coalesce(case when r.v ->> 'household_id' ~ '^[0-9]{1,15}$' then (r.v ->> 'household_id')::bigint end,
               (select hc.id from public.households hc where hc.code = r.v ->> 'household_code')) as household_id,
      case when r.v ->> 'visited_at' ~ '^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$'
           then (r.v ->> 'visited_at')::timestamptz end as visited_at,
      coalesce(r.v ->> 'outcome', 'visited') as outcome,
      r.v ->> 'recorded_by' as recorded_by,
      r.v ->> 'visitor_kind' as visitor_kind,
      coalesce(array(select json_array_elements_text(case when json_typeof(r.v -> 'topics') = 'array'
                                                          then r.v -> 'topics' else '[]' end)), '{}') as topics,
      coalesce((r.v ->> 'fraud_risk_found')::boolean, false) as fraud_risk_found,
      case when coalesce(r.v ->> 'money_protected', '0') ~ '^\d{1,10}(\.\d{1,2})?$'
           then coalesce((r.v ->> 'money_protected')::numeric, 0) end as money_protected,
      coalesce((r.v ->> 'dispute_found')::boolean, false) as dispute_found,
      coalesce((r.v ->> 'fire_hazard_found')::boolean, false) as fire_hazard_found,
      case when json_typeof(r.v -> 'lon') = 'number' and json_typeof(r.v -> 'lat') = 'number'
           then extensions.ST_SetSRID(extensions.ST_MakePoint((r.v ->> 'lon')::float8, (r.v ->> 'lat')::float8), 4326) end as geom
    from raw r
  )
  select p.row_no, p.client_key, p.household_id, p.visited_at, p.outcome, p.visitor_kind, p.topics,
    p.fraud_risk_found, p.money_protected, p.dispute_found, p.fire_hazard_found, p.geom,
    case
      when p.client_key is null then 'visit_key_invalid'
      when p.recorded_by is not null and p.recorded_by is distinct from auth.uid()::text then 'visit_recorded_by_other'
      when h.id is null then 'household_not_found'
      when p.visited_at is null then 'visit_time_invalid'
      when p.outcome not in ('visited', 'nobody_home', 'refused') then 'visit_outcome_invalid'
      when p.visitor_kind is null or p.visitor_kind not in ('police', 'auxiliary', 'assistant', 'grid_worker',
        'volunteer', 'village_cadre', 'building_head', 'bank_staff', 'womens_federation') then 'visitor_kind_invalid'
      when not p.topics <@ array['anti_fraud', 'elder_fraud', 'dispute_screening', 'fire_safety', 'traffic_law']
        then 'visit_topic_invalid'
      when p.money_protected is null then 'visit_money_invalid'
      when p.geom is not null and not public.in_china_bounds(p.geom) then 'visit_position_invalid'
      when p.visited_at > now() + interval '10 minutes' then 'visit_in_future'
      when (p.visited_at at time zone 'Asia/Shanghai')::date not between c.starts_on and c.ends_on
        then 'visit_outside_period'
      when bg.block_id is null then 'visit_outside_campaign'
      when app.claim_role() <> 'admin' and v.station_id is distinct from app.claim_station()
        then 'visit_outside_station'
    end
  from parsed p
  cross join c
  left join public.households h on h.id = p.household_id
  left join public.villages v on v.id = h.village_id
  left join public.campaign_block_grids bg on bg.campaign_id = c.id and bg.grid_id = h.grid_id
$$;
revoke execute on function app.campaign_visit_check(bigint, json) from public, anon, authenticated;

-- Records a batch. Field staff (officer accounts) and station heads record in their own station,
-- admins anywhere. A visit whose key is already stored is a duplicate and changes nothing.
-- all_or_nothing (bulk import): one bad row refuses the whole batch with a row-by-row report;
-- otherwise (a phone's queue) good rows are stored and bad ones returned with their reason.
-- A dispute found opens a dispute incident (未调解) at the household.
create function app.record_visits(campaign_id bigint, visits json, all_or_nothing boolean)
returns json
language plpgsql volatile security definer set search_path = public, extensions, pg_temp as $$
declare
  role text := app.claim_role();
  errors json;
  inserted integer;
  total integer;
begin
  if role not in ('officer', 'station_head', 'admin') then
    raise exception 'visit_not_allowed' using errcode = 'insufficient_privilege';
  end if;
  if not exists (select 1 from public.campaigns c where c.id = record_visits.campaign_id) then
    raise exception 'campaign_not_found' using errcode = 'no_data_found';
  end if;
  if json_typeof(visits) is distinct from 'array' then
    raise exception 'invalid_visits' using errcode = 'check_violation';
  end if;
  -- fresh tables the caller cannot have prepared: a caller's own temp table of this name, with a
  -- trigger, would otherwise run that trigger with this function's rights
  drop table if exists pg_temp.campaign_visit_batch, pg_temp.campaign_visit_added;
  create temporary table campaign_visit_batch on commit drop as
    select * from app.campaign_visit_check(null, '[]') with no data;
  insert into pg_temp.campaign_visit_batch select * from app.campaign_visit_check(record_visits.campaign_id, visits);
  total := (select count(*) from pg_temp.campaign_visit_batch);

  select json_agg(json_build_object('row', b.row_no, 'client_key', b.client_key,
           'household_id', b.household_id, 'reason', b.reason) order by b.row_no)
  into errors from pg_temp.campaign_visit_batch b where b.reason is not null;
  if all_or_nothing and errors is not null then
    return json_build_object('ok', false, 'accepted', 0, 'duplicates', 0, 'rejected', errors);
  end if;

  create temporary table campaign_visit_added
    (id bigint, household_id bigint, dispute_found boolean, visited_at timestamptz) on commit drop;
  with added as (
    insert into public.campaign_visits as cv (campaign_id, household_id, grid_id, block_id, visited_at,
      outcome, visitor_kind, topics, fraud_risk_found, money_protected, dispute_found, fire_hazard_found,
      geom, client_key, recorded_by)
    select distinct on (b.client_key) record_visits.campaign_id, b.household_id, 0, 0, b.visited_at,
      b.outcome, b.visitor_kind, b.topics, b.fraud_risk_found, b.money_protected, b.dispute_found,
      b.fire_hazard_found, b.geom, b.client_key, auth.uid()
    from pg_temp.campaign_visit_batch b where b.reason is null
    order by b.client_key, b.row_no
    on conflict (client_key) do nothing
    returning cv.id, cv.household_id, cv.dispute_found, cv.visited_at
  )
  insert into pg_temp.campaign_visit_added select * from added;
  inserted := (select count(*) from pg_temp.campaign_visit_added);

  -- a separate statement: rows inserted above are invisible to sibling clauses of one WITH
  with disputes as (
    insert into public.incidents (code, category, status, priority, summary, occurred_at, mediation_status, geom)
    select 'QM' || lpad(a.id::text, 9, '0'), 'dispute', 'new', 2, '敲门行动走访发现矛盾纠纷', a.visited_at,
           'unresolved', h.geom
    from pg_temp.campaign_visit_added a join public.households h on h.id = a.household_id
    where a.dispute_found
    returning id, code
  )
  update public.campaign_visits cv set incident_id = d.id
  from disputes d where cv.id = substr(d.code, 3)::bigint;

  if inserted > 0 then
    perform app.append_audit('record_visits', 'campaigns', record_visits.campaign_id, null,
      jsonb_build_object('accepted', inserted));
  end if;
  return json_build_object('ok', errors is null, 'accepted', inserted,
    'duplicates', total - inserted - coalesce(json_array_length(errors), 0),
    'rejected', coalesce(errors, '[]'::json));
end
$$;
comment on function app.record_visits(campaign_id bigint, visits json, all_or_nothing boolean) is
  'lint 0029, deliberate: security definer and executable by authenticated, because it is the app''s RPC for this; it checks the caller''s claims (role, station, admin) itself before it reads or writes.';
revoke execute on function app.record_visits(bigint, json, boolean) from public, anon;
grant execute on function app.record_visits(bigint, json, boolean) to authenticated;

-- visits as text: a driver that sees a json parameter would encode a string twice
create function public.record_visits(campaign_id bigint, visits text, all_or_nothing boolean default false)
returns json
language sql volatile set search_path = public, extensions, pg_temp as $$ select app.record_visits(campaign_id, visits::json, all_or_nothing) $$;
revoke execute on function public.record_visits(bigint, text, boolean) from public, anon;
grant execute on function public.record_visits(bigint, text, boolean) to authenticated;
