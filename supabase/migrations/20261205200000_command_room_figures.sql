-- The command room's figures at city scale (780 → 170 ms a wall refresh): incidents read by three
-- index ranges instead of an OR over every incident, the campaign figure from the households
-- each campaign keeps, one pass over assignments. The function now lives in
-- supabase/schemas/27_command_room.sql; the indexes in 18_incident_intake.sql.

-- the command room's figures read incidents closed in a window, and old ones still open
create index incidents_closed_idx on public.incidents (closed_at);
create index incidents_unclosed_idx on public.incidents (occurred_at) where status <> 'closed';

-- The command room's headline figures, like for like. "Today" is today until now against the
-- same hours of each of the 28 days before, and of the same weekday in the 4 weeks before (the
-- wall switches between the two without another request): a count since midnight compared
-- with whole days flagged a fall every afternoon. Each count comes with its baseline total; the
-- totals span `windows` and `weekday_windows` windows of the same length, so the page can test
-- the change exactly (Poisson, conditional binomial) and show the usual range. `as_of` fixes the
-- moment (tests, replays); the 28-day figures compare the last 28 days with the 28 before.
create or replace function public.command_kpis(as_of timestamptz default now())
returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  with bounds as (
    select as_of as t_now,
           date_trunc('day', as_of at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai' as day_start,
           (as_of at time zone 'Asia/Shanghai')::time as clock,
           extract(isodow from as_of at time zone 'Asia/Shanghai') as dow,
           as_of - interval '28 days' as p_start,
           as_of - interval '56 days' as q_start
  ), inc as (
    -- three disjoint parts, each on its own index: the last 56 days; older and still open; older
    -- and closed since (one scan with an OR read every incident ever recorded)
    select i.category, i.status, i.mediation_status, i.occurred_at, i.closed_at, i.due_at, i.village_id
    from public.incidents i, bounds b
    where i.occurred_at >= b.q_start and i.occurred_at <= b.t_now
    union all
    select i.category, i.status, i.mediation_status, i.occurred_at, i.closed_at, i.due_at, i.village_id
    from public.incidents i, bounds b
    where i.occurred_at < b.q_start and i.status <> 'closed'
    union all
    select i.category, i.status, i.mediation_status, i.occurred_at, i.closed_at, i.due_at, i.village_id
    from public.incidents i, bounds b
    where i.occurred_at < b.q_start and i.status = 'closed' and i.closed_at >= b.q_start
  ), today as (
    select i.category,
           count(*) filter (where i.occurred_at >= b.day_start) as now,
           count(*) filter (where i.occurred_at < b.day_start
                              and (i.occurred_at at time zone 'Asia/Shanghai')::time <= b.clock) as baseline,
           count(*) filter (where i.occurred_at < b.day_start
                              and (i.occurred_at at time zone 'Asia/Shanghai')::time <= b.clock
                              and extract(isodow from i.occurred_at at time zone 'Asia/Shanghai') = b.dow) as baseline_weekday
    from inc i, bounds b
    where i.occurred_at >= b.day_start - interval '28 days'
    group by i.category
  ), per_village as (
    select i.village_id, count(*) filter (where i.occurred_at >= b.p_start) as now,
           count(*) filter (where i.occurred_at >= b.q_start and i.occurred_at < b.p_start) as before
    from inc i, bounds b group by i.village_id
  ), zero as (
    select count(*) filter (where coalesce(pv.now, 0) = 0) as now,
           count(*) filter (where coalesce(pv.before, 0) = 0) as before, count(*) as total
    from public.villages v left join per_village pv on pv.village_id = v.id
  ), staffed as (
    select count(distinct a.grid_id) filter (where a.during @> b.t_now) as now,
           count(distinct a.grid_id) filter (where a.during @> b.p_start) as before
    from public.grid_assignments a, bounds b
    where a.role = 'primary' and (a.during @> b.t_now or a.during @> b.p_start)
  ), campaign as (
    select public.current_campaign_id() as id
  ), scope as (
    -- the trigger-kept counts per grid and per household, not a pass over households and visits
    select coalesce(sum(hc.households), 0) as households
    from public.campaign_block_grids bg join public.grid_household_counts hc on hc.grid_id = bg.grid_id, campaign c
    where bg.campaign_id = c.id
  ), visited as (
    select count(*) filter (where ch.visited_at <= b.t_now) as now,
           count(*) filter (where ch.visited_at < b.p_start) as before
    from public.campaign_households ch, campaign c, bounds b
    where ch.campaign_id = c.id and ch.visited_at is not null
  )
  select json_build_object(
    'at', (select t_now from bounds),
    'since', (select day_start from bounds),
    'windows', 28,
    'weekday_windows', 4,
    'today', coalesce((select json_object_agg(t.category, json_build_object(
               'now', t.now, 'baseline', t.baseline, 'baseline_weekday', t.baseline_weekday)) from today t), '{}'::json),
    -- open now only: how many were open 28 days ago is not recorded anywhere
    'open', json_build_object('now', (select count(*) from inc i where i.status <> 'closed' or i.closed_at > (select t_now from bounds))),
    'mediated', json_build_object(
      'now', (select count(*) from inc i, bounds b where i.mediation_status = 'mediated' and i.closed_at >= b.p_start and i.closed_at <= b.t_now),
      'before', (select count(*) from inc i, bounds b where i.mediation_status = 'mediated' and i.closed_at >= b.q_start and i.closed_at < b.p_start),
      'closed', (select count(*) from inc i, bounds b where i.category = 'dispute' and i.status = 'closed' and i.closed_at >= b.p_start and i.closed_at <= b.t_now)),
    'overdue_disputes', (select count(*) from inc i, bounds b where i.category = 'dispute'
                         and (i.status <> 'closed' or i.closed_at > b.t_now) and i.due_at < b.t_now),
    'grids', (select json_build_object('now', s.now, 'before', s.before, 'total', (select count(*) from public.grids)) from staffed s),
    'zero_villages', (select json_build_object('now', z.now, 'before', z.before, 'total', z.total) from zero z),
    'campaign', (select json_build_object('now', v.now, 'before', v.before, 'households', s.households)
                 from visited v, scope s where (select id from campaign) is not null))
$$;
