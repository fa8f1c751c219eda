-- Watching a campaign: the visited share per grid (all households and the vulnerable ones: elderly
-- living alone, past fraud victims, rentals), progress per block, team and day, outcomes and
-- the visits to check (logged far from the door, implausible bursts). The caller counts only
-- the grids, households and visits row-level security lets them read (visited share and progress
-- decide that per grid, below).

-- A household counts as vulnerable when any of the campaign's target flags is set. (Flags, not
-- the row: personal columns of households are not readable by the caller.) No pinned
-- search_path (lint 0011, deliberate): it names nothing a search_path could resolve, and a pinned
-- one stops it being inlined: counting a county's 80,000 households took 0.25 s instead of 0.02 s.
create function public.household_vulnerable(elderly_alone boolean, past_fraud_victim boolean, rental boolean)
returns boolean
language sql immutable as $$ select elderly_alone or past_fraud_victim or rental $$;
comment on function public.household_vulnerable(boolean, boolean, boolean) is
  'lint 0011, deliberate: inlined per household into the campaign figures; it names nothing.';

-- Each grid of the campaign the caller can see, with its outline, block and figures; the
-- figures alone (for refreshing) come from campaign_visited_share. A finished campaign's grids
-- show as they were at its end (as its figures count them); a running one's as they are now, a
-- grid merged away since with its last outline (its latest version).
create function public.campaign_grids(campaign_id bigint) returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
      'type', 'Feature', 'id', bg.grid_id,
      'properties', json_build_object('id', bg.grid_id, 'name', g.name, 'block_id', bg.block_id,
                                      'village_id', g.village_id, 'station_id', vl.station_id),
      'geometry', ST_AsGeoJSON(g.geom, 5)::json) order by bg.grid_id), '[]'::json))
  from public.campaign_block_grids bg
  join public.campaigns c on c.id = bg.campaign_id
  cross join lateral (
    select v.name, v.geom, v.village_id from public.grid_versions v where v.grid_id = bg.grid_id
    order by c.ends_on < (now() at time zone 'Asia/Shanghai')::date
               and v.valid @> ((c.ends_on + 1)::timestamp at time zone 'Asia/Shanghai') desc,
             upper_inf(v.valid) desc, upper(v.valid) desc
    limit 1) g
  left join public.villages vl on vl.id = g.village_id
  where bg.campaign_id = campaign_grids.campaign_id
$$;

-- Row-level security on households costs a policy check per household (about a second for a
-- city's, embedded). The campaign figures now decide visibility once per grid instead: a
-- security-definer function lists the campaign's grids in stations the caller may read, and the
-- figures count households, states and rollups of those grids only. Same answers, per grid.
create function app.campaign_visible_grids(campaign_id bigint)
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
-- called by the two security-definer figures below only, never by a client
revoke execute on function app.campaign_visible_grids(bigint) from public, anon, authenticated;

-- The households a campaign counts, by block and grid, in the grids the caller may read. A
-- running campaign counts what its grids hold now (a re-drawn grid moves households between
-- them, and a grid that takes some joins the block). A finished campaign counts its grids as
-- they were at its end: a grid re-drawn, split or merged away since is read in the outline it
-- had then (the households as located today; on a shared edge the household's own grid, else
-- the lowest id), so a later grid change does not alter a finished campaign's figures.
create function app.campaign_members(campaign_id bigint, block_ids bigint[] default null)
returns table (block_id bigint, grid_id bigint, household_id bigint)
language sql stable security definer set search_path = public, extensions, pg_temp as $$
  with c as (
    select c.id, case when c.ends_on < (now() at time zone 'Asia/Shanghai')::date
                      then (c.ends_on + 1)::timestamp at time zone 'Asia/Shanghai' end as closed_at
    from public.campaigns c where c.id = campaign_members.campaign_id
  ), g as (
    select bg.block_id, bg.grid_id, v.geom, v.geom is null as as_now
    from c cross join app.campaign_visible_grids(c.id) bg
    -- the outline at the end, for a finished campaign's grids changed since only
    left join lateral (select x.geom from public.grid_versions x
                       where c.closed_at is not null and x.grid_id = bg.grid_id
                         and x.valid @> c.closed_at and not upper_inf(x.valid)) v on true
    where campaign_members.block_ids is null or bg.block_id = any(campaign_members.block_ids)
  )
  select g.block_id, g.grid_id, h.id from g join public.households h on h.grid_id = g.grid_id where g.as_now
  union all
  select * from (
    select distinct on (h.id) g.block_id, g.grid_id, h.id
    from g join public.households h on ST_Intersects(g.geom, h.geom)
    where not g.as_now
      -- one that a grid of the campaign unchanged since holds is counted there
      and not exists (select 1 from g n where n.as_now and n.grid_id = h.grid_id)
    order by h.id, (g.grid_id = h.grid_id) desc, g.grid_id) changed
$$;
comment on function app.campaign_members(bigint, bigint[]) is
  'lint 0029, deliberate: security definer and executable by authenticated, because the campaign figures and door lists call it from security-invoker functions; it returns only ids of the grids in stations the caller may read (app.campaign_visible_grids) and writes nothing.';
revoke execute on function app.campaign_members(bigint, bigint[]) from public, anon;
grant execute on function app.campaign_members(bigint, bigint[]) to authenticated;

create function public.list_campaigns() returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  select coalesce(json_agg(json_build_object(
      'id', c.id, 'name', c.name, 'starts_on', c.starts_on, 'ends_on', c.ends_on,
      'target_share', c.target_share, 'topics', c.topics, 'households', s.households, 'visited', s.visited,
      'blocks', (select count(*) from public.campaign_blocks b where b.campaign_id = c.id))
    order by c.starts_on desc, c.id desc), '[]'::json)
  from public.campaigns c
  cross join lateral (
    select count(*) as households, count(st.household_id) filter (where st.visited_at is not null) as visited
    from app.campaign_members(c.id) m
    left join public.campaign_households st on st.campaign_id = c.id and st.household_id = m.household_id) s
  where s.households > 0
$$;

create function public.campaign_visited_share(campaign_id bigint) returns json
language sql stable security definer set search_path = public, extensions, pg_temp as $$
  with per_grid as (
    select bg.grid_id,
           count(h.id) as households,
           count(h.id) filter (where s.visited_at is not null) as visited,
           count(h.id) filter (where public.household_vulnerable(h.elderly_alone, h.past_fraud_victim, h.rental)) as vulnerable,
           count(h.id) filter (where public.household_vulnerable(h.elderly_alone, h.past_fraud_victim, h.rental) and s.visited_at is not null) as vulnerable_visited,
           max(s.last_visit_at) as last_visit_at
    from app.campaign_members(campaign_visited_share.campaign_id) bg
    join public.households h on h.id = bg.household_id
    left join public.campaign_households s on s.campaign_id = campaign_visited_share.campaign_id and s.household_id = h.id
    group by bg.grid_id
  )
  select json_build_object(
    'at', now(),
    'grid_id', coalesce(json_agg(grid_id order by grid_id), '[]'::json),
    'households', coalesce(json_agg(households order by grid_id), '[]'::json),
    'visited', coalesce(json_agg(visited order by grid_id), '[]'::json),
    'vulnerable', coalesce(json_agg(vulnerable order by grid_id), '[]'::json),
    'vulnerable_visited', coalesce(json_agg(vulnerable_visited order by grid_id), '[]'::json),
    'days_since', coalesce(json_agg(case when last_visit_at is null then null
                          else floor(extract(epoch from now() - last_visit_at) / 86400)::integer end
                          order by grid_id), '[]'::json))
  from per_grid
$$;
comment on function public.campaign_visited_share(campaign_id bigint) is
  'lint 0029, deliberate: security definer and executable by authenticated, because it is the app''s RPC for this; it checks the caller''s claims (role, station, admin) itself before it reads or writes.';

create function public.campaign_progress(campaign_id bigint) returns json
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
    from app.campaign_members(campaign_progress.campaign_id) bg
    join public.households h on h.id = bg.household_id
    left join public.campaign_households s on s.campaign_id = campaign_progress.campaign_id and s.household_id = h.id
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
comment on function public.campaign_progress(campaign_id bigint) is
  'lint 0029, deliberate: security definer and executable by authenticated, because it is the app''s RPC for this; it checks the caller''s claims (role, station, admin) itself before it reads or writes.';

-- The households of some blocks with their campaign state, as compact columns for the phone.
create function public.campaign_block_households(campaign_id bigint, block_ids bigint[]) returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  with h as (
    select h.id, h.address, h.geom, bg.block_id, s.visited_at, s.last_outcome, s.last_visit_at,
           public.household_vulnerable(h.elderly_alone, h.past_fraud_victim, h.rental) as vulnerable
    from app.campaign_members(campaign_block_households.campaign_id, block_ids) bg
    join public.households h on h.id = bg.household_id
    left join public.campaign_households s on s.campaign_id = campaign_block_households.campaign_id and s.household_id = h.id
  )
  select json_build_object(
    'id', coalesce(json_agg(id order by id), '[]'::json),
    'address', coalesce(json_agg(address order by id), '[]'::json),
    'lon', coalesce(json_agg(round(ST_X(geom)::numeric, 6) order by id), '[]'::json),
    'lat', coalesce(json_agg(round(ST_Y(geom)::numeric, 6) order by id), '[]'::json),
    'block_id', coalesce(json_agg(block_id order by id), '[]'::json),
    'vulnerable', coalesce(json_agg(vulnerable order by id), '[]'::json),
    -- visited once reached, else the last outcome, else not yet knocked
    'state', coalesce(json_agg(case when visited_at is not null then 'visited' else coalesce(last_outcome, 'none') end
                      order by id), '[]'::json),
    'last_visit_at', coalesce(json_agg(last_visit_at order by id), '[]'::json))
  from h
$$;

revoke execute on function public.list_campaigns(), public.campaign_grids(bigint), public.campaign_visited_share(bigint),
  public.campaign_progress(bigint), public.campaign_block_households(bigint, bigint[]) from public, anon;
grant execute on function public.list_campaigns(), public.campaign_grids(bigint), public.campaign_visited_share(bigint),
  public.campaign_progress(bigint), public.campaign_block_households(bigint, bigint[]) to authenticated;
