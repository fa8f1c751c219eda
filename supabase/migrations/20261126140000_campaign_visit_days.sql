-- The campaign page's figures per day came from a pass over every visit (3.5 s for 500,000
-- visits embedded). Visits only ever arrive, so the statement trigger that keeps each
-- household's state now also keeps a daily rollup per grid; progress reads the rollup. Per grid,
-- not per block, so row-level security still decides by grid what each caller counts.

create table public.campaign_visit_days (
  campaign_id bigint not null references public.campaigns (id) on delete cascade,
  grid_id bigint not null references public.grids (id),
  day date not null,
  visits integer not null,
  frauds integer not null,
  money numeric(14, 2) not null,
  disputes integer not null,
  fire integer not null,
  far integer not null,
  very_far integer not null,
  primary key (campaign_id, grid_id, day)
);
alter table public.campaign_visit_days enable row level security;
create policy "staff read the daily visit figures of grids they can see" on public.campaign_visit_days
  for select to authenticated using (grid_id in (select g.id from public.grids g));
grant select on public.campaign_visit_days to authenticated;

insert into public.campaign_visit_days (campaign_id, grid_id, day, visits, frauds, money, disputes, fire, far, very_far)
select v.campaign_id, v.grid_id, (v.visited_at at time zone 'Asia/Shanghai')::date, count(*),
       count(*) filter (where v.fraud_risk_found), coalesce(sum(v.money_protected), 0),
       count(*) filter (where v.dispute_found), count(*) filter (where v.fire_hazard_found),
       count(*) filter (where v.distance_m > 100 and v.distance_m <= 300), count(*) filter (where v.distance_m > 300)
from public.campaign_visits v
group by 1, 2, 3;

-- the incidents a campaign opened are few; find them without scanning its visits
create index campaign_visits_incident_idx on public.campaign_visits (campaign_id) where incident_id is not null;

create or replace function public.campaign_households_track() returns trigger
language plpgsql as $$
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
  insert into public.campaign_visit_days as d (campaign_id, grid_id, day, visits, frauds, money, disputes, fire, far, very_far)
  select n.campaign_id, n.grid_id, (n.visited_at at time zone 'Asia/Shanghai')::date, count(*),
         count(*) filter (where n.fraud_risk_found), coalesce(sum(n.money_protected), 0),
         count(*) filter (where n.dispute_found), count(*) filter (where n.fire_hazard_found),
         count(*) filter (where n.distance_m > 100 and n.distance_m <= 300), count(*) filter (where n.distance_m > 300)
  from new_visits n
  group by 1, 2, 3
  on conflict (campaign_id, grid_id, day) do update set
    visits = d.visits + excluded.visits, frauds = d.frauds + excluded.frauds, money = d.money + excluded.money,
    disputes = d.disputes + excluded.disputes, fire = d.fire + excluded.fire, far = d.far + excluded.far,
    very_far = d.very_far + excluded.very_far;
  return null;
end
$$;

create or replace function public.campaign_progress(campaign_id bigint) returns json
language sql stable as $$
  with c as (select * from public.campaigns where id = campaign_progress.campaign_id),
  block_households as (
    select bg.block_id, count(h.id) as households,
           count(h.id) filter (where s.visited_at is not null) as visited,
           count(h.id) filter (where public.household_vulnerable(h.elderly_alone, h.past_fraud_victim, h.rental)) as vulnerable,
           count(h.id) filter (where public.household_vulnerable(h.elderly_alone, h.past_fraud_victim, h.rental) and s.visited_at is not null) as vulnerable_visited,
           count(h.id) filter (where s.visited_at is null and s.last_outcome = 'nobody_home') as nobody_home,
           count(h.id) filter (where s.visited_at is null and s.last_outcome = 'refused') as refused
    from public.campaign_block_grids bg
    join public.households h on h.grid_id = bg.grid_id
    left join public.campaign_households s on s.campaign_id = bg.campaign_id and s.household_id = h.id
    where bg.campaign_id = campaign_progress.campaign_id
    group by bg.block_id
  ),
  -- per block and China day, from the daily rollup (a few thousand rows, not every visit)
  visit_days as (
    select bg.block_id, d.day, sum(d.visits) as visits, sum(d.frauds) as frauds, sum(d.money) as money,
           sum(d.disputes) as disputes, sum(d.fire) as fire, sum(d.far) as far, sum(d.very_far) as very_far
    from public.campaign_visit_days d
    join public.campaign_block_grids bg on bg.campaign_id = d.campaign_id and bg.grid_id = d.grid_id
    where d.campaign_id = campaign_progress.campaign_id
    group by 1, 2
  ),
  block_visits as (
    select block_id, sum(visits) as visits, sum(frauds) as frauds, sum(money) as money,
           sum(disputes) as disputes, sum(fire) as fire, sum(far) as far, sum(very_far) as very_far
    from visit_days group by block_id
  ),
  first_visits as (
    select (s.visited_at at time zone 'Asia/Shanghai')::date as day, count(*) as newly_visited
    from public.campaign_households s
    where s.campaign_id = campaign_progress.campaign_id and s.visited_at is not null
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
           coalesce(bv.visits, 0) as visits, coalesce(bv.frauds, 0) as frauds, coalesce(bv.money, 0) as money,
           coalesce(bv.disputes, 0) as disputes, coalesce(bv.fire, 0) as fire,
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
  ),
  bursts as (
    -- more than 20 doors logged by one account within a minute is not a door-knock pace
    select v.recorded_by, date_trunc('minute', v.visited_at) as minute, count(*) as visits
    from public.campaign_visits v
    where v.campaign_id = campaign_progress.campaign_id and v.recorded_by is not null
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
    'outcomes', (select json_build_object('frauds_dissuaded', coalesce(sum(frauds), 0),
                   'money_protected', coalesce(sum(money), 0), 'disputes_found', coalesce(sum(disputes), 0),
                   'disputes_resolved', (select resolved from disputes), 'dispute_incidents', (select opened from disputes),
                   'fire_hazards', coalesce(sum(fire), 0)) from blocks),
    'blocks', (select coalesce(json_agg(row_to_json(b) order by b.id), '[]'::json) from blocks b),
    'teams', (select coalesce(json_agg(json_build_object('id', t.id, 'name', t.name,
                  'members', (select coalesce(json_agg(json_build_object('name', m.name, 'kind', m.kind) order by m.id), '[]'::json)
                              from public.campaign_team_members m where m.team_id = t.id),
                  'blocks', (select coalesce(json_agg(b.id order by b.id), '[]'::json) from blocks b where b.team_id = t.id),
                  'households', (select coalesce(sum(households), 0) from blocks b where b.team_id = t.id),
                  'visited', (select coalesce(sum(visited), 0) from blocks b where b.team_id = t.id),
                  'visits', (select coalesce(sum(visits), 0) from blocks b where b.team_id = t.id),
                  'frauds', (select coalesce(sum(frauds), 0) from blocks b where b.team_id = t.id),
                  'money', (select coalesce(sum(money), 0) from blocks b where b.team_id = t.id),
                  'disputes', (select coalesce(sum(disputes), 0) from blocks b where b.team_id = t.id),
                  'fire', (select coalesce(sum(fire), 0) from blocks b where b.team_id = t.id)) order by t.id), '[]'::json)
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
