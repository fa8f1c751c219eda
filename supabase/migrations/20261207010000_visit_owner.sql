-- A queued visit is accepted only from the account that recorded it (issue 16): the phone sends
-- recorded_by with each visit, and a batch uploaded under another account refuses those rows
-- (visit_recorded_by_other). The definition is supabase/schemas/21_campaign_visit_recording.sql.

set local search_path = "$user", public, extensions;

create or replace function app.campaign_visit_check(campaign bigint, visits json)
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
