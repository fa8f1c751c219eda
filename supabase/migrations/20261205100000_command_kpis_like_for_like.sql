-- The command room's headline figures, like for like. "Today" is today until now against the
-- same hours of each of the 28 days before, and of the same weekday in the 4 weeks before (the
-- wall switches between the two without another request): a count since midnight compared
-- with whole days flagged a fall every afternoon. Each count comes with its baseline total; the
-- totals span `windows` and `weekday_windows` windows of the same length, so the page can test
-- the change exactly (Poisson, conditional binomial) and show the usual range. `as_of` fixes the
-- moment (tests, replays); the 28-day figures compare the last 28 days with the 28 before.
-- command_room() calls it with the default, so it needs no change.
drop function public.command_kpis();

create function public.command_kpis(as_of timestamptz default now())
returns json
language sql stable as $$
  with bounds as (
    select as_of as t_now,
           date_trunc('day', as_of at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai' as day_start,
           (as_of at time zone 'Asia/Shanghai')::time as clock,
           extract(isodow from as_of at time zone 'Asia/Shanghai') as dow,
           as_of - interval '28 days' as p_start,
           as_of - interval '56 days' as q_start
  ), inc as (
    select i.category, i.status, i.mediation_status, i.occurred_at, i.closed_at, i.due_at, i.village_id
    from public.incidents i, bounds b
    where i.occurred_at <= b.t_now
      and (i.occurred_at >= b.q_start or i.status <> 'closed' or i.closed_at >= b.q_start)
  ), today as (
    select i.category,
           count(*) filter (where i.occurred_at >= b.day_start) as now,
           count(*) filter (where i.occurred_at >= b.day_start - interval '28 days'
                              and i.occurred_at < b.day_start
                              and (i.occurred_at at time zone 'Asia/Shanghai')::time <= b.clock) as baseline,
           count(*) filter (where i.occurred_at >= b.day_start - interval '28 days'
                              and i.occurred_at < b.day_start
                              and (i.occurred_at at time zone 'Asia/Shanghai')::time <= b.clock
                              and extract(isodow from i.occurred_at at time zone 'Asia/Shanghai') = b.dow) as baseline_weekday
    from inc i, bounds b group by i.category
  ), per_village as (
    select i.village_id, count(*) filter (where i.occurred_at >= b.p_start) as now,
           count(*) filter (where i.occurred_at >= b.q_start and i.occurred_at < b.p_start) as before
    from inc i, bounds b group by i.village_id
  ), zero as (
    select count(*) filter (where coalesce(pv.now, 0) = 0) as now,
           count(*) filter (where coalesce(pv.before, 0) = 0) as before, count(*) as total
    from public.villages v left join per_village pv on pv.village_id = v.id
  ), grids as (
    select count(*) as total,
           count(*) filter (where exists (select 1 from public.grid_assignments a, bounds b where a.grid_id = g.id and a.role = 'primary' and a.during @> b.t_now)) as now,
           count(*) filter (where exists (select 1 from public.grid_assignments a, bounds b where a.grid_id = g.id and a.role = 'primary' and a.during @> b.p_start)) as before
    from public.grids g
  ), campaign as (
    select public.current_campaign_id() as id
  ), scope as (
    select count(*) as households from public.households h
    where h.grid_id in (select bg.grid_id from public.campaign_block_grids bg, campaign c where bg.campaign_id = c.id)
  ), visited as (
    select count(distinct cv.household_id) filter (where cv.visited_at <= b.t_now) as now,
           count(distinct cv.household_id) filter (where cv.visited_at < b.p_start) as before
    from public.campaign_visits cv, campaign c, bounds b where cv.campaign_id = c.id and cv.outcome = 'visited'
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
    'grids', (select json_build_object('now', g.now, 'before', g.before, 'total', g.total) from grids g),
    'zero_villages', (select json_build_object('now', z.now, 'before', z.before, 'total', z.total) from zero z),
    'campaign', (select json_build_object('now', v.now, 'before', v.before, 'households', s.households)
                 from visited v, scope s where (select id from campaign) is not null))
$$;
