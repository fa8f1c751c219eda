-- Hardening (issue 17), part one: authorization that a NULL could pass, campaigns readable only
-- by the stations they reach, temp tables a caller cannot prepare, every knock-list outcome
-- audited, and local sessions that can be ended (with sign-in failures counted per account and
-- per address), and a length limit on every text a person can type. The definitions are
-- supabase/schemas/20-23, 30_sessions.sql and 31_text_limits.sql.

set local search_path = "$user", public, extensions;

-- A campaign is the business of the stations it reaches: its own station's, or one with a grid
-- (as it was when the campaign ran) in a station the caller may read. Security definer so the
-- grid test does not re-enter the block-grid policy; it returns campaign ids only.
create function app.readable_campaigns() returns setof bigint
language sql stable security definer set search_path = public, extensions, pg_temp as $$
  select c.id from public.campaigns c
  where c.station_id in (select app.readable_stations())
     or exists (select 1 from public.campaign_block_grids bg
                join public.grid_versions x on x.grid_id = bg.grid_id
                join public.villages v on v.id = x.village_id
                where bg.campaign_id = c.id and v.station_id in (select app.readable_stations()))
$$;
comment on function app.readable_campaigns() is
  'lint 0029, deliberate: security definer and executable by authenticated, because row-level policies call it as the caller; it returns the ids of the campaigns the caller''s claims reach, nothing else.';
revoke execute on function app.readable_campaigns() from public, anon;
grant execute on function app.readable_campaigns() to authenticated;

drop policy if exists "signed-in users can read campaigns" on public.campaigns;
drop policy if exists "signed-in users can read campaign blocks" on public.campaign_blocks;
create policy "staff read the campaigns that reach their stations" on public.campaigns
  for select to authenticated using (id in (select app.readable_campaigns()));
create policy "staff read the blocks of campaigns they can see" on public.campaign_blocks
  for select to authenticated using (campaign_id in (select app.readable_campaigns()));

drop policy if exists "signed-in users can read campaign teams" on public.campaign_teams;
drop policy if exists "signed-in users can read campaign team members" on public.campaign_team_members;
drop policy if exists "signed-in users can read which team has which block" on public.campaign_team_blocks;
-- team members are named people: only those who may read the campaign see them
create policy "staff read the teams of campaigns they can see" on public.campaign_teams
  for select to authenticated using (campaign_id in (select app.readable_campaigns()));
create policy "staff read the members of teams they can see" on public.campaign_team_members
  for select to authenticated using (team_id in (select t.id from public.campaign_teams t));
create policy "staff read which team has which block of campaigns they can see" on public.campaign_team_blocks
  for select to authenticated using (team_id in (select t.id from public.campaign_teams t));

create or replace function app.create_campaign(plan json) returns json
language plpgsql volatile security definer set search_path = public, extensions, pg_temp as $$
declare
  role text := app.claim_role();
  station bigint := app.claim_station();
  scope bigint[];
  outside integer;
  created public.campaigns;
  block_count integer;
  b json;
  b_no integer := 0;
  b_grids bigint[];
  b_id bigint;
  taken bigint[] := '{}';
  left_out integer;
  team json;
  team_id bigint;
  m json;
  block_name text;
  b_polygon extensions.geometry;
begin
  if role not in ('station_head', 'command', 'admin') then
    raise exception 'campaign_plan_not_allowed' using errcode = 'insufficient_privilege';
  end if;
  if coalesce(btrim(plan ->> 'name'), '') = '' then
    raise exception 'campaign_name_missing' using errcode = 'check_violation';
  end if;
  if (plan ->> 'starts_on') is null or (plan ->> 'ends_on') is null then
    raise exception 'campaign_period_missing' using errcode = 'check_violation';
  end if;

  select array_agg(s.grid_id) into scope from app.campaign_scope_grids(plan -> 'scope') s;
  if scope is null then
    raise exception 'campaign_scope_empty' using errcode = 'check_violation';
  end if;
  -- the caller's area: a station head their station, command its jurisdiction
  select count(*) into outside
  from public.grids g join public.villages v on v.id = g.village_id
  where g.id = any(scope) and (
    (role = 'station_head' and v.station_id is distinct from station)
    or (role = 'command' and v.station_id not in (select app.readable_stations())));
  if outside > 0 then
    raise exception 'campaign_outside_area' using errcode = 'insufficient_privilege',
      detail = format('%s grids of the scope are outside your area', outside);
  end if;

  insert into public.campaigns (name, topics, starts_on, ends_on, target_share, station_id, created_by)
  values (btrim(plan ->> 'name'),
          coalesce(array(select json_array_elements_text(plan -> 'topics')), '{}'),
          (plan ->> 'starts_on')::date, (plan ->> 'ends_on')::date,
          coalesce((plan ->> 'target_share')::numeric, 0.9),
          case when role = 'station_head' then station end, auth.uid())
  returning * into created;

  -- a fresh table the caller cannot have prepared (a caller's own temp table of this name, with a
  -- trigger, would otherwise run that trigger with this function's rights)
  drop table if exists pg_temp.campaign_plan_blocks;
  create temporary table campaign_plan_blocks (no integer, name text, grid_id bigint) on commit drop;
  if json_typeof(plan -> 'blocks') = 'array' and json_array_length(plan -> 'blocks') > 0 then
    -- drawn or listed blocks; a grid goes to the first block that claims it
    for b in select * from json_array_elements(plan -> 'blocks') loop
      b_no := b_no + 1;
      b_grids := null;
      if b -> 'polygon' is not null and json_typeof(b -> 'polygon') = 'object' then
        begin
          b_polygon := extensions.ST_SetSRID(extensions.ST_GeomFromGeoJSON((b -> 'polygon')::text), 4326);
        exception when others then
          raise exception 'campaign_block_invalid' using errcode = 'check_violation';
        end;
        if not extensions.ST_IsValid(b_polygon) then
          raise exception 'campaign_block_invalid' using errcode = 'check_violation';
        end if;
        select array_agg(g.id) into b_grids from public.grids g
        where g.id = any(scope) and not g.id = any(taken)
          and extensions.ST_Intersects(b_polygon, extensions.ST_PointOnSurface(g.geom));
      else
        select array_agg(x::bigint) into b_grids
        from json_array_elements_text(coalesce(b -> 'grid_ids', '[]')) x
        where x::bigint = any(scope) and not x::bigint = any(taken);
      end if;
      if b_grids is null then
        raise exception 'campaign_block_empty' using errcode = 'check_violation',
          detail = coalesce(b ->> 'name', format('block %s', b_no));
      end if;
      taken := taken || b_grids;
      insert into pg_temp.campaign_plan_blocks
      select b_no, coalesce(nullif(btrim(b ->> 'name'), ''), format('第%s区块', b_no)), unnest(b_grids);
    end loop;
    select count(*) into left_out from unnest(scope) s where not s = any(taken);
    if left_out > 0 then
      raise exception 'campaign_grids_left_out' using errcode = 'check_violation',
        detail = format('%s grids of the scope are in no block', left_out);
    end if;
  else
    block_count := coalesce((plan ->> 'block_count')::integer, 1);
    if block_count < 1 or block_count > 200 then
      raise exception 'campaign_block_count_invalid' using errcode = 'check_violation';
    end if;
    insert into pg_temp.campaign_plan_blocks
    select s.block_no, format('第%s区块', s.block_no), s.grid_id
    from app.campaign_even_split(scope, least(block_count, array_length(scope, 1))) s;
  end if;

  -- each block's outline is the union of its grids; its grid list is set exactly afterwards
  -- (the fill trigger matches by interior point, which is the same set for whole grids)
  for b_no, block_name in select distinct pb.no, pb.name from pg_temp.campaign_plan_blocks pb order by pb.no loop
    insert into public.campaign_blocks (campaign_id, name, geom)
    select created.id, block_name,
           extensions.ST_Multi(extensions.ST_CollectionExtract(extensions.ST_MakeValid(extensions.ST_Union(g.geom)), 3))
    from public.grids g where g.id in (select pb.grid_id from pg_temp.campaign_plan_blocks pb where pb.no = b_no)
    returning id into b_id;
    delete from public.campaign_block_grids where block_id = b_id;
    insert into public.campaign_block_grids (block_id, grid_id, campaign_id)
    select b_id, pb.grid_id, created.id from pg_temp.campaign_plan_blocks pb where pb.no = b_no;
  end loop;

  for team in select * from json_array_elements(coalesce(plan -> 'teams', '[]')) loop
    insert into public.campaign_teams (campaign_id, name) values (created.id, btrim(team ->> 'name'))
    returning id into team_id;
    for m in select * from json_array_elements(coalesce(team -> 'members', '[]')) loop
      insert into public.campaign_team_members (team_id, name, kind, officer_id)
      values (team_id, btrim(m ->> 'name'), m ->> 'kind', (m ->> 'officer_id')::bigint);
    end loop;
    for block_name in select json_array_elements_text(coalesce(team -> 'blocks', '[]')) loop
      insert into public.campaign_team_blocks (team_id, block_id)
      select team_id, cb.id from public.campaign_blocks cb
      where cb.campaign_id = created.id and cb.name = block_name;
      if not found then
        raise exception 'campaign_team_block_unknown' using errcode = 'check_violation', detail = block_name;
      end if;
    end loop;
  end loop;

  perform app.append_audit('create', 'campaigns', created.id, null,
    jsonb_build_object('name', created.name, 'grids', array_length(scope, 1),
      'blocks', (select count(*) from public.campaign_blocks where campaign_id = created.id)));
  return json_build_object('id', created.id,
    'blocks', (select count(*) from public.campaign_blocks where campaign_id = created.id),
    'grids', array_length(scope, 1));
exception
  when unique_violation then
    raise exception 'campaign_names_repeated' using errcode = 'check_violation';
end
$$;

create or replace function app.delete_campaign(campaign_id bigint) returns json
language plpgsql volatile security definer set search_path = public, extensions, pg_temp as $$
declare
  role text := app.claim_role();
  c public.campaigns;
begin
  select * into c from public.campaigns where id = delete_campaign.campaign_id;
  if c.id is null then
    raise exception 'campaign_not_found' using errcode = 'no_data_found';
  end if;
  -- coalesce: a county-wide campaign has no station, and a NULL test must refuse, not pass
  if not coalesce(role = 'admin'
          or (role = 'station_head' and c.station_id = app.claim_station())
          or (role = 'command' and not exists (
                select 1 from public.campaign_block_grids bg join public.grids g on g.id = bg.grid_id
                join public.villages v on v.id = g.village_id
                where bg.campaign_id = c.id and v.station_id not in (select app.readable_stations()))), false) then
    raise exception 'campaign_delete_not_allowed' using errcode = 'insufficient_privilege';
  end if;
  delete from public.campaign_households where campaign_households.campaign_id = c.id;
  delete from public.campaign_visits where campaign_visits.campaign_id = c.id;
  delete from public.campaigns where id = c.id;
  perform app.append_audit('delete', 'campaigns', c.id, jsonb_build_object('name', c.name), null);
  return json_build_object('id', c.id, 'deleted', true);
end
$$;

create or replace function app.record_visits(campaign_id bigint, visits json, all_or_nothing boolean)
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

create or replace function public.campaign_progress(campaign_id bigint) returns json
language sql stable security definer set search_path = public, extensions, pg_temp as $$
  -- a campaign the caller's stations are not in is not there for them (null: a 404)
  with c as (select * from public.campaigns where id = campaign_progress.campaign_id
             and id in (select app.readable_campaigns())),
  vis as (select * from app.campaign_visible_grids(campaign_progress.campaign_id)),
  block_households as (
    select bg.block_id, count(h.id) as households,
           count(h.id) filter (where s.visited_at is not null) as visited,
           count(h.id) filter (where public.household_vulnerable(h.elderly_alone, h.past_fraud_victim, h.rental)) as vulnerable,
           count(h.id) filter (where public.household_vulnerable(h.elderly_alone, h.past_fraud_victim, h.rental) and s.visited_at is not null) as vulnerable_visited,
           count(h.id) filter (where s.visited_at is null and s.last_outcome = 'nobody_home') as nobody_home,
           count(h.id) filter (where s.visited_at is null and s.last_outcome = 'refused') as refused
    from vis bg
    join public.households h on h.grid_id = bg.grid_id
    left join public.campaign_households s on s.campaign_id = bg.campaign_id and s.household_id = h.id
    where bg.campaign_id = campaign_progress.campaign_id
    group by bg.block_id
  ),
  -- per block and China day, from the daily rollup (a few thousand rows, not every visit)
  visit_days as (
    select bg.block_id, d.day, sum(d.visits) as visits, sum(d.fraud_risks_found) as fraud_risks_found,
           sum(d.money_protected) as money_protected, sum(d.disputes_found) as disputes_found,
           sum(d.fire_hazards_found) as fire_hazards_found, sum(d.far) as far, sum(d.very_far) as very_far
    from public.campaign_visit_days d
    join vis bg on bg.campaign_id = d.campaign_id and bg.grid_id = d.grid_id
    where d.campaign_id = campaign_progress.campaign_id
    group by 1, 2
  ),
  block_visits as (
    select block_id, sum(visits) as visits, sum(fraud_risks_found) as fraud_risks_found,
           sum(money_protected) as money_protected, sum(disputes_found) as disputes_found,
           sum(fire_hazards_found) as fire_hazards_found, sum(far) as far, sum(very_far) as very_far
    from visit_days group by block_id
  ),
  first_visits as (
    select (s.visited_at at time zone 'Asia/Shanghai')::date as day, count(*) as newly_visited
    from public.campaign_households s
    where s.campaign_id = campaign_progress.campaign_id and s.visited_at is not null
      and s.grid_id in (select grid_id from vis)
    group by 1
  ),
  days as (
    select coalesce(d.day, f.day) as day, coalesce(d.visits, 0) as visits, coalesce(f.newly_visited, 0) as newly_visited
    from (select day, sum(visits) as visits from visit_days group by day) d
    full join first_visits f on f.day = d.day
  ),
  blocks as (
    select b.id, b.name, tb.team_id, coalesce(bh.households, 0) as households, coalesce(bh.visited, 0) as visited,
           coalesce(bh.vulnerable, 0) as vulnerable, coalesce(bh.vulnerable_visited, 0) as vulnerable_visited,
           coalesce(bh.nobody_home, 0) as nobody_home, coalesce(bh.refused, 0) as refused,
           coalesce(bv.visits, 0) as visits, coalesce(bv.fraud_risks_found, 0) as fraud_risks_found,
           coalesce(bv.money_protected, 0) as money_protected, coalesce(bv.disputes_found, 0) as disputes_found,
           coalesce(bv.fire_hazards_found, 0) as fire_hazards_found,
           coalesce(bv.far, 0) as far, coalesce(bv.very_far, 0) as very_far
    from public.campaign_blocks b
    join block_households bh on bh.block_id = b.id
    left join block_visits bv on bv.block_id = b.id
    left join public.campaign_team_blocks tb on tb.block_id = b.id
    where b.campaign_id = campaign_progress.campaign_id
  ),
  disputes as (
    select count(*) filter (where i.mediation_status = 'mediated') as resolved, count(*) as opened
    from public.campaign_visits v join public.incidents i on i.id = v.incident_id
    where v.campaign_id = campaign_progress.campaign_id and v.incident_id is not null
      and v.grid_id in (select grid_id from vis)
  ),
  bursts as (
    -- more than 20 doors logged by one account within a minute is not a door-knock pace
    select v.recorded_by, date_trunc('minute', v.visited_at) as minute, count(*) as visits
    from public.campaign_visits v
    where v.campaign_id = campaign_progress.campaign_id and v.recorded_by is not null
      and v.grid_id in (select grid_id from vis)
    group by 1, 2 having count(*) > 20
  )
  select json_build_object(
    'campaign', (select json_build_object('id', c.id, 'name', c.name, 'topics', c.topics, 'starts_on', c.starts_on,
                   'ends_on', c.ends_on, 'target_share', c.target_share, 'station_id', c.station_id) from c),
    'totals', (select json_build_object('households', coalesce(sum(households), 0), 'visited', coalesce(sum(visited), 0),
                 'vulnerable', coalesce(sum(vulnerable), 0), 'vulnerable_visited', coalesce(sum(vulnerable_visited), 0),
                 'nobody_home', coalesce(sum(nobody_home), 0), 'refused', coalesce(sum(refused), 0),
                 'visits', coalesce(sum(visits), 0), 'far', coalesce(sum(far), 0), 'very_far', coalesce(sum(very_far), 0))
               from blocks),
    'outcomes', (select json_build_object('fraud_risks_found', coalesce(sum(fraud_risks_found), 0),
                   'money_protected', coalesce(sum(money_protected), 0), 'disputes_found', coalesce(sum(disputes_found), 0),
                   'disputes_resolved', (select resolved from disputes), 'dispute_incidents', (select opened from disputes),
                   'fire_hazards_found', coalesce(sum(fire_hazards_found), 0)) from blocks),
    'blocks', (select coalesce(json_agg(row_to_json(b) order by b.id), '[]'::json) from blocks b),
    'teams', (select coalesce(json_agg(json_build_object('id', t.id, 'name', t.name,
                  'members', (select coalesce(json_agg(json_build_object('name', m.name, 'kind', m.kind) order by m.id), '[]'::json)
                              from public.campaign_team_members m where m.team_id = t.id),
                  'blocks', (select coalesce(json_agg(b.id order by b.id), '[]'::json) from blocks b where b.team_id = t.id),
                  'households', (select coalesce(sum(households), 0) from blocks b where b.team_id = t.id),
                  'visited', (select coalesce(sum(visited), 0) from blocks b where b.team_id = t.id),
                  'visits', (select coalesce(sum(visits), 0) from blocks b where b.team_id = t.id),
                  'fraud_risks_found', (select coalesce(sum(fraud_risks_found), 0) from blocks b where b.team_id = t.id),
                  'money_protected', (select coalesce(sum(money_protected), 0) from blocks b where b.team_id = t.id),
                  'disputes_found', (select coalesce(sum(disputes_found), 0) from blocks b where b.team_id = t.id),
                  'fire_hazards_found', (select coalesce(sum(fire_hazards_found), 0) from blocks b where b.team_id = t.id))
                  order by t.id), '[]'::json)
              from public.campaign_teams t where t.campaign_id = campaign_progress.campaign_id),
    'days', (select coalesce(json_agg(json_build_object('day', day, 'visits', visits, 'newly_visited', newly_visited)
               order by day), '[]'::json) from days),
    'bursts', (select coalesce(json_agg(json_build_object('recorded_by', recorded_by, 'minute', minute, 'visits', visits)
                 order by minute), '[]'::json) from bursts),
    'my_team_id', (select m.team_id from public.campaign_team_members m join public.campaign_teams t on t.id = m.team_id
                   where t.campaign_id = campaign_progress.campaign_id and m.officer_id = app.claim_officer()
                   order by m.team_id limit 1))
  where exists (select 1 from c)
$$;

create or replace function app.spawn_knock_list(incident_id bigint, n integer, due_on date, same_building boolean)
returns json
language plpgsql volatile security definer set search_path = public, extensions, pg_temp as $$
declare
  role text := app.claim_role();
  i public.incidents;
  nearest public.households;
  building text;
  list_id bigint;
  doors integer;
begin
  select * into i from public.incidents where id = spawn_knock_list.incident_id;
  if i.id is null then
    raise exception 'incident_not_found' using errcode = 'no_data_found';
  end if;
  -- coalesce: an incident outside every station has none, and a NULL test must refuse, not pass
  if not coalesce(role = 'admin' or (role = 'station_head' and i.station_id = app.claim_station())
          or (role = 'command' and i.station_id in (select app.readable_stations())), false) then
    raise exception 'knock_list_not_allowed' using errcode = 'insufficient_privilege';
  end if;
  if i.category not in ('fraud', 'dispute') then
    raise exception 'knock_list_incident_kind' using errcode = 'check_violation';
  end if;
  if n is null or n < 1 or n > 200 then
    raise exception 'knock_list_size_invalid' using errcode = 'check_violation';
  end if;
  if due_on is null or due_on < current_date then
    raise exception 'knock_list_due_invalid' using errcode = 'check_violation';
  end if;

  insert into public.knock_lists (incident_id, grid_id, officer_id, due_on, created_by)
  values (i.id, i.grid_id,
          (select a.officer_id from public.grid_assignments a
           where a.grid_id = i.grid_id and a.role = 'primary' and upper_inf(a.during) limit 1),
          due_on, auth.uid())
  returning id into list_id;

  select h.* into nearest from public.households h order by h.geom <-> i.geom limit 1;
  building := substring(nearest.address from '^(.*?[幢栋])');
  if same_building and building is not null then
    insert into public.knock_list_households (list_id, household_id)
    select list_id, h.id from public.households h
    where h.grid_id = nearest.grid_id and left(h.address, length(building)) = building
    order by h.id limit 200;
  else
    insert into public.knock_list_households (list_id, household_id)
    select list_id, h.id from public.households h order by h.geom <-> i.geom limit n;
  end if;
  get diagnostics doors = row_count;
  perform app.append_audit('spawn', 'knock_lists', list_id, null,
    jsonb_build_object('incident_id', i.id, 'doors', doors, 'due_on', due_on));
  return json_build_object('id', list_id, 'households', doors,
    'officer_id', (select officer_id from public.knock_lists where id = list_id));
end
$$;

create or replace function app.record_knock(list_id bigint, household_id bigint, outcome text) returns json
language plpgsql volatile security definer set search_path = public, extensions, pg_temp as $$
declare
  k public.knock_lists;
  station bigint;
begin
  select * into k from public.knock_lists where id = record_knock.list_id;
  if k.id is null then
    raise exception 'knock_list_not_found' using errcode = 'no_data_found';
  end if;
  select v.station_id into station from public.grids g join public.villages v on v.id = g.village_id where g.id = k.grid_id;
  -- coalesce: a list for a grid with no officer has none, and a NULL test must refuse, not pass
  if not coalesce(app.claim_role() = 'admin'
          or (app.claim_role() = 'officer' and k.officer_id = app.claim_officer())
          or (app.claim_role() = 'station_head' and station = app.claim_station()), false) then
    raise exception 'knock_not_allowed' using errcode = 'insufficient_privilege';
  end if;
  if outcome not in ('visited', 'nobody_home', 'refused') then
    raise exception 'visit_outcome_invalid' using errcode = 'check_violation';
  end if;
  update public.knock_list_households d set outcome = record_knock.outcome, visited_at = now()
  where d.list_id = k.id and d.household_id = record_knock.household_id;
  if not found then
    raise exception 'household_not_on_list' using errcode = 'no_data_found';
  end if;
  perform app.append_audit('record_knock', 'knock_lists', k.id, null,
    jsonb_build_object('household_id', household_id, 'outcome', outcome));
  return json_build_object('list_id', k.id, 'household_id', household_id, 'outcome', outcome);
end
$$;

-- Sessions of the local accounts (embedded and self-hosted modes; with Supabase, Supabase Auth
-- keeps its own). The signed cookie names a row here, and every request reads that row with the
-- account's current claims, so signing out, disabling an account or resetting its password ends
-- its sessions at once, on every app server that shares the database. The cost is one primary-key
-- lookup per request.
--
-- Sign-in failures are counted here too, per account and per address, so a guesser is slowed
-- down whichever server they reach.

create table app.sessions (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references app.accounts (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_account_idx on app.sessions (account_id);
alter table app.sessions enable row level security;
create policy "nobody reads sessions directly" on app.sessions for select to authenticated using (false);
revoke all on app.sessions from public, anon, authenticated;

-- A new session for an account that may sign in; the account's expired sessions are swept here,
-- so the table holds about one row per signed-in device.
create function app.session_start(account_id uuid, hours integer) returns uuid
language plpgsql volatile security definer set search_path = '' as $$
declare
  created uuid;
begin
  if hours is null or hours < 1 or hours > 24 * 30 then
    raise exception 'session_hours_invalid' using errcode = 'check_violation';
  end if;
  delete from app.sessions s where s.account_id = session_start.account_id and s.expires_at <= now();
  insert into app.sessions (account_id, expires_at)
  select a.id, now() + make_interval(hours => hours) from app.accounts a
  where a.id = session_start.account_id and not a.disabled
  returning id into created;
  if created is null then
    raise exception 'account_disabled' using errcode = 'insufficient_privilege';
  end if;
  return created;
end
$$;

-- The account a live session acts as, with its claims as they are now; nothing for a session
-- that ended, expired, or whose account was disabled.
create function app.session_account(session_id uuid)
returns table (id uuid, display_name text, app_role text, station_id bigint, county_id bigint,
               officer_id bigint, expires_at timestamptz)
language sql stable security definer set search_path = '' as $$
  select a.id, a.display_name, a.app_role, a.station_id, a.county_id, a.officer_id, s.expires_at
  from app.sessions s join app.accounts a on a.id = s.account_id
  where s.id = session_id and s.expires_at > now() and not a.disabled
$$;

create function app.session_end(session_id uuid) returns void
language sql volatile security definer set search_path = '' as $$
  delete from app.sessions s where s.id = session_id
$$;

-- Disabling an account or changing its password (the admin page, or plain SQL) ends every session
-- it has. A rehash on sign-in (same password, stronger parameters) is not a change of password.
create function app.accounts_end_sessions() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if (new.disabled and not old.disabled)
     or (new.password_hash is distinct from old.password_hash
         and coalesce(current_setting('app.password_rehash', true), '') <> 'on') then
    delete from app.sessions s where s.account_id = new.id;
  end if;
  return new;
end
$$;
revoke execute on function app.accounts_end_sessions() from public, anon, authenticated;
create trigger accounts_end_sessions after update of disabled, password_hash on app.accounts
for each row execute function app.accounts_end_sessions();

-- The same password stored with today's scrypt parameters; only if the stored hash is still the
-- one the server checked (a reset meanwhile wins).
create function app.password_rehash(account_id uuid, old_hash text, new_hash text) returns void
language plpgsql volatile security definer set search_path = '' as $$
begin
  perform set_config('app.password_rehash', 'on', true);
  update app.accounts a set password_hash = new_hash
  where a.id = password_rehash.account_id and a.password_hash = old_hash;
  perform set_config('app.password_rehash', 'off', true);
end
$$;

-- Failed sign-ins per key ('account:<email>' or 'address:<ip>'). Below a key's threshold nothing
-- waits; past it each failure doubles the wait, up to a minute, so a guesser gets a few tries a
-- minute while the real user is never kept out for longer than that. A quiet quarter of an hour
-- forgets the count.
create table app.sign_in_failures (
  key text primary key check (char_length(key) <= 400),
  failures integer not null check (failures > 0),
  last_failure_at timestamptz not null
);
alter table app.sign_in_failures enable row level security;
create policy "nobody reads sign-in failures directly" on app.sign_in_failures for select to authenticated using (false);
revoke all on app.sign_in_failures from public, anon, authenticated;

create function app.sign_in_wait_seconds(key text, failures integer, last_failure_at timestamptz)
returns integer
language sql stable set search_path = '' as $$
  select case
    when last_failure_at < now() - interval '15 minutes' then 0
    else greatest(0, ceil(extract(epoch from
      last_failure_at
      + make_interval(secs => least(60, power(2, failures - case when key like 'address:%' then 20 else 5 end)))
      * (failures >= case when key like 'address:%' then 20 else 5 end)::integer
      - now())))::integer
  end
$$;

-- Seconds to wait before the next try for any of these keys (0: go ahead).
create function app.sign_in_wait(keys text[]) returns integer
language sql stable security definer set search_path = '' as $$
  select coalesce(max(app.sign_in_wait_seconds(f.key, f.failures, f.last_failure_at)), 0)
  from app.sign_in_failures f where f.key = any(keys)
$$;

create function app.sign_in_failed(keys text[]) returns void
language sql volatile security definer set search_path = '' as $$
  insert into app.sign_in_failures as f (key, failures, last_failure_at)
  select k, 1, now() from unnest(keys) k
  on conflict (key) do update set
    failures = case when f.last_failure_at < now() - interval '15 minutes' then 1 else f.failures + 1 end,
    last_failure_at = now()
$$;

-- A right password clears its account's count (the address's fades on its own: others share it).
create function app.sign_in_succeeded(key text) returns void
language sql volatile security definer set search_path = '' as $$
  delete from app.sign_in_failures f where f.key = sign_in_succeeded.key
$$;

revoke execute on function app.session_start(uuid, integer), app.session_account(uuid), app.session_end(uuid),
  app.password_rehash(uuid, text, text), app.sign_in_wait_seconds(text, integer, timestamptz),
  app.sign_in_wait(text[]), app.sign_in_failed(text[]), app.sign_in_succeeded(text) from public, anon, authenticated;
grant execute on function app.session_start(uuid, integer), app.session_account(uuid), app.session_end(uuid),
  app.password_rehash(uuid, text, text), app.sign_in_wait_seconds(text, integer, timestamptz),
  app.sign_in_wait(text[]), app.sign_in_failed(text[]), app.sign_in_succeeded(text) to service_role;

-- The RPC names the server calls as service_role (PostgREST exposes `public` only).
create function public.session_start(account_id uuid, hours integer) returns json
language sql volatile set search_path = public, extensions, pg_temp as $$
  select json_build_object('id', app.session_start(account_id, hours))
$$;
create function public.session_account(session_id uuid) returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  select row_to_json(a) from app.session_account(session_id) a
$$;
create function public.session_end(session_id uuid) returns json
language sql volatile set search_path = public, extensions, pg_temp as $$
  select app.session_end(session_id); select json_build_object('ended', true)
$$;
create function public.password_rehash(account_id uuid, old_hash text, new_hash text) returns json
language sql volatile set search_path = public, extensions, pg_temp as $$
  select app.password_rehash(account_id, old_hash, new_hash); select json_build_object('ok', true)
$$;
create function public.sign_in_wait(keys text[]) returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  select json_build_object('seconds', app.sign_in_wait(keys))
$$;
create function public.sign_in_failed(keys text[]) returns json
language sql volatile set search_path = public, extensions, pg_temp as $$
  select app.sign_in_failed(keys); select json_build_object('ok', true)
$$;
create function public.sign_in_succeeded(key text) returns json
language sql volatile set search_path = public, extensions, pg_temp as $$
  select app.sign_in_succeeded(key); select json_build_object('ok', true)
$$;
revoke execute on function public.session_start(uuid, integer), public.session_account(uuid),
  public.session_end(uuid), public.password_rehash(uuid, text, text), public.sign_in_wait(text[]),
  public.sign_in_failed(text[]), public.sign_in_succeeded(text) from public, anon, authenticated;
grant execute on function public.session_start(uuid, integer), public.session_account(uuid),
  public.session_end(uuid), public.password_rehash(uuid, text, text), public.sign_in_wait(text[]),
  public.sign_in_failed(text[]), public.sign_in_succeeded(text) to service_role;

-- Every text a person can type has a length limit, held by the database on every path (the UI,
-- the import, plain SQL): a 2-million-character campaign name would otherwise be stored and sent
-- to every user. The constraint's name is the message key the UI translates, so each kind of
-- field has one name and one limit wherever it appears.

alter table public.counties
  add constraint code_too_long check (char_length(code) <= 64),
  add constraint name_too_long check (char_length(name) <= 100);
alter table public.townships
  add constraint code_too_long check (char_length(code) <= 64),
  add constraint name_too_long check (char_length(name) <= 100);
alter table public.stations
  add constraint code_too_long check (char_length(code) <= 64),
  add constraint name_too_long check (char_length(name) <= 100);
alter table public.villages
  add constraint code_too_long check (char_length(code) <= 64),
  add constraint name_too_long check (char_length(name) <= 100);
alter table public.grids
  add constraint code_too_long check (char_length(code) <= 64),
  add constraint name_too_long check (char_length(name) <= 100);
alter table public.posts
  add constraint code_too_long check (char_length(code) <= 64),
  add constraint name_too_long check (char_length(name) <= 100);
alter table public.officers
  add constraint badge_too_long check (char_length(badge) <= 32),
  add constraint name_too_long check (char_length(name) <= 100),
  add constraint phone_too_long check (char_length(phone) <= 32);
alter table public.households
  add constraint code_too_long check (char_length(code) <= 64),
  add constraint address_too_long check (char_length(address) <= 200),
  add constraint person_name_too_long check (char_length(head_name) <= 100),
  add constraint phone_too_long check (char_length(phone) <= 32),
  add constraint id_number_too_long check (char_length(id_number) <= 32);
alter table public.incidents
  add constraint code_too_long check (char_length(code) <= 64),
  add constraint summary_too_long check (char_length(summary) <= 2000);
alter table public.campaigns
  add constraint name_too_long check (char_length(name) <= 100),
  add constraint topics_too_many check (cardinality(topics) <= 16);
alter table public.campaign_blocks
  add constraint name_too_long check (char_length(name) <= 100);
alter table public.campaign_teams
  add constraint name_too_long check (char_length(name) <= 100);
alter table public.campaign_team_members
  add constraint person_name_too_long check (char_length(name) <= 100);
alter table public.campaign_visits
  add constraint topics_too_many check (cardinality(topics) <= 16);
alter table public.key_units
  add constraint name_too_long check (char_length(name) <= 100);
alter table app.accounts
  add constraint email_too_long check (char_length(email) <= 254),
  add constraint display_name_too_long check (char_length(display_name) <= 100),
  add constraint password_hash_too_long check (char_length(password_hash) <= 512);
alter table app.import_batches
  add constraint file_name_too_long check (char_length(file_name) <= 255);
alter table app.user_settings
  add constraint url_too_long check (char_length(basemap_url) <= 2000);
alter table app.import_rows
  add constraint code_too_long check (char_length(code) <= 64),
  add constraint grid_code_too_long check (char_length(grid_code) <= 64);
