-- Did the door-knocking work? (走访后发案变化) For each grid a campaign reached: its incidents in
-- the days after its first visits against as many days before, set against the five grids of
-- the same counties most like it (village kind, households, the prior year's incidents per
-- household) not reached in those days (reached later, or never): a difference in differences
-- on Poisson counts. A grid merged away since is left out (no current incidents).
--
-- Per reached grid g and category: a0, a1 its counts before and after; c0, c1 the counts of its
-- comparison grids in the same two windows. The rate ratio of a set of grids (a grid, a village,
-- a station, the campaign) is (Σa1 / Σa0) / (Σc1 / Σc0), with an interval exp(log RR ± z·se),
-- se² = 1/Σa1 + 1/Σa0 + m/Σc1 + m/Σc0, where m is how many times a comparison grid is used on
-- average in the set (a grid compared with several reached grids is one count many times over,
-- not many counts), and z gives 95% (shared by seven categories for the minor ones, below).
-- Windows are whole China days, at most `weeks` long and at least 14 days after (so a grid
-- reached yesterday says nothing yet). No ratio where the set has fewer than `min_count`
-- incidents before or after: the counts are still given. The wording on the pages does not claim
-- cause: 与对照网格相比.
create function app.campaign_impact_rows(campaign_id bigint, weeks integer)
returns table (grid_id bigint, village_id bigint, station_id bigint, category text,
               a0 bigint, a1 bigint, c0 bigint, c1 bigint, comparison bigint[])
language sql stable security definer set search_path = public, extensions, pg_temp as $$
  with c as (
    select c.id, c.starts_on,
           least((now() at time zone 'Asia/Shanghai')::date, c.ends_on + 1) as end_day
    from public.campaigns c
    where c.id = campaign_impact_rows.campaign_id and c.id in (select app.readable_campaigns())
  ),
  -- the campaign's grids the caller may read (once: as a correlated test it ran per grid)
  visible as (select bg.grid_id from c cross join app.campaign_visible_grids(c.id) bg),
  -- the grids of the campaign's counties: its own (those the caller may read are shown) and the
  -- rest, which it never reached, for comparison; the same comparison for every caller
  g as (
    select gr.id as grid_id, v.id as village_id, v.station_id, v.kind, coalesce(n.households, 0) as households,
           (select min(d.day) from public.campaign_visit_days d
            where d.campaign_id = c.id and d.grid_id = gr.id and d.visits > 0) as start_day,
           gr.id in (select v.grid_id from visible v) as shown
    from c cross join public.grids gr
    join public.villages v on v.id = gr.village_id
    join public.townships t on t.id = v.township_id
    left join public.grid_household_counts n on n.grid_id = gr.id
    where t.county_id in (select t2.county_id from public.campaign_block_grids bg
                          join public.grids g2 on g2.id = bg.grid_id
                          join public.villages v2 on v2.id = g2.village_id
                          join public.townships t2 on t2.id = v2.township_id
                          where bg.campaign_id = c.id)
  ),
  prior as (
    select g.grid_id, count(i.id)::double precision / greatest(g.households, 1) as rate
    from g cross join c
    left join public.incidents i on i.grid_id = g.grid_id
      and i.occurred_at >= (c.starts_on - 365)::timestamp at time zone 'Asia/Shanghai'
      and i.occurred_at < c.starts_on::timestamp at time zone 'Asia/Shanghai'
    group by g.grid_id, g.households
  ),
  matched as (
    select g.*, ln(g.households + 1.0) as size, ln(p.rate + 0.05) as prior_rate
    from g join prior p on p.grid_id = g.grid_id
  ),
  windows as (
    select s.grid_id, s.village_id, s.station_id, s.kind, s.size, s.prior_rate, s.start_day,
           s.start_day - x.days as before_from, s.start_day + x.days as after_to
    from matched s cross join c
    cross join lateral (select least(campaign_impact_rows.weeks * 7, c.end_day - s.start_day) as days) x
    where s.shown and s.start_day is not null and x.days >= 14
  ),
  daily as (
    select i.grid_id, (i.occurred_at at time zone 'Asia/Shanghai')::date as day, i.category, count(*) as n
    from public.incidents i
    where i.grid_id in (select g.grid_id from g)
      and i.occurred_at >= (select min(w.before_from) from windows w)::timestamp at time zone 'Asia/Shanghai'
    group by 1, 2, 3
  ),
  -- every category on its own, and all of them together
  counted as (
    select d.grid_id, d.day, d.category, d.n from daily d
    union all
    select d.grid_id, d.day, 'all', sum(d.n) from daily d group by 1, 2
  ),
  own as (
    select w.grid_id, k.category,
           coalesce(sum(k.n) filter (where k.day >= w.before_from and k.day < w.start_day), 0) as a0,
           coalesce(sum(k.n) filter (where k.day >= w.start_day and k.day < w.after_to), 0) as a1
    from windows w join counted k on k.grid_id = w.grid_id
    group by 1, 2
  ),
  -- the comparison grids of each reached grid: the five most like it (village kind first, then
  -- households and prior incident rate, on log scales) among those not reached in its windows
  comparison as (
    select w.grid_id, m.grid_id as comparison_id
    from windows w
    cross join lateral (
      select s.grid_id from matched s
      where s.grid_id <> w.grid_id and (s.start_day is null or s.start_day >= w.after_to)
      order by (s.kind <> w.kind)::integer * 2 + abs(s.size - w.size) + abs(s.prior_rate - w.prior_rate), s.grid_id
      limit 5) m
  ),
  versus as (
    select w.grid_id, k.category,
           coalesce(sum(k.n) filter (where k.day >= w.before_from and k.day < w.start_day), 0) as c0,
           coalesce(sum(k.n) filter (where k.day >= w.start_day and k.day < w.after_to), 0) as c1
    from windows w
    join comparison m on m.grid_id = w.grid_id
    join counted k on k.grid_id = m.comparison_id and k.day >= w.before_from and k.day < w.after_to
    group by 1, 2
  ),
  categories as (select distinct k.category from counted k),
  compared as (
    select m.grid_id, array_agg(m.comparison_id order by m.comparison_id) as ids from comparison m group by 1
  )
  select w.grid_id, w.village_id, w.station_id, cat.category,
         coalesce(o.a0, 0), coalesce(o.a1, 0), coalesce(v.c0, 0), coalesce(v.c1, 0), coalesce(m.ids, '{}')
  from windows w cross join categories cat
  left join own o on o.grid_id = w.grid_id and o.category = cat.category
  left join versus v on v.grid_id = w.grid_id and v.category = cat.category
  left join compared m on m.grid_id = w.grid_id
$$;
revoke execute on function app.campaign_impact_rows(bigint, integer) from public, anon, authenticated;

-- The campaign's impact for the caller's grids: one row per level (campaign, station, village,
-- grid) and category, with the counts, the ratio and its interval (null below min_count).
create function public.campaign_impact(campaign_id bigint, weeks integer default 8, min_count integer default 10)
returns json
language sql stable security definer set search_path = public, extensions, pg_temp as $$
  with w as (select least(greatest(campaign_impact.weeks, 2), 26) as weeks),
  r as (select x.* from w, app.campaign_impact_rows(campaign_impact.campaign_id, w.weeks) x),
  -- one row per set of reached grids: the campaign, each station, village and grid
  sums as (
    select case when grouping(r.grid_id) = 0 then 'grid' when grouping(r.village_id) = 0 then 'village'
                when grouping(r.station_id) = 0 then 'station' else 'campaign' end as level,
           coalesce(r.grid_id, r.village_id, r.station_id, campaign_impact.campaign_id) as id, r.category,
           count(*) as grids, sum(r.a0) as a0, sum(r.a1) as a1, sum(r.c0) as c0, sum(r.c1) as c1
    from r
    group by grouping sets ((r.category), (r.station_id, r.category), (r.village_id, r.category), (r.grid_id, r.category))
  ),
  -- how often a comparison grid is used in a set, on average
  reuse as (
    select case when grouping(r.grid_id) = 0 then 'grid' when grouping(r.village_id) = 0 then 'village'
                when grouping(r.station_id) = 0 then 'station' else 'campaign' end as level,
           coalesce(r.grid_id, r.village_id, r.station_id, campaign_impact.campaign_id) as id, r.category,
           count(*)::double precision / count(distinct x.id) as m
    from r, unnest(r.comparison) x(id)
    group by grouping sets ((r.category), (r.station_id, r.category), (r.village_id, r.category), (r.grid_id, r.category))
  ),
  sets as (
    -- no ratio below the minimum count, in the set or in its comparison
    select s.*, coalesce(u.m, 1) as m, least(s.a0, s.a1, s.c0, s.c1) >= min_count as enough
    from sums s left join reuse u on u.level = s.level and u.id = s.id and u.category = s.category
  ),
  rated as (
    select s.*,
           case when s.enough then (s.a1::double precision / s.a0) / (s.c1::double precision / s.c0) end as rr,
           case when s.enough then sqrt(1.0 / s.a1 + 1.0 / s.a0 + s.m / s.c1 + s.m / s.c0) end as se,
           -- 95% for what campaigns are run for (fraud) and for all incidents; the other seven
           -- categories share 5% between them (Bonferroni), so one of them does not show a
           -- change by chance
           case when s.category in ('fraud', 'all') then 1.96 else 2.69 end as z
    from sets s
  )
  select json_build_object(
    'campaign_id', campaign_impact.campaign_id, 'weeks', (select w.weeks from w), 'min_count', min_count,
    'rows', coalesce(json_agg(json_build_object(
      'level', level, 'id', id, 'category', category, 'grids', grids, 'before', a0, 'after', a1,
      'comparison_before', c0, 'comparison_after', c1, 'rr', round(rr::numeric, 3),
      'lo', round(exp(ln(rr) - z * se)::numeric, 3), 'hi', round(exp(ln(rr) + z * se)::numeric, 3))
      order by array_position(array['campaign', 'station', 'village', 'grid'], level), id, category), '[]'::json))
  from rated
  -- a campaign the caller may not read is not there for them (null: a 404)
  having campaign_impact.campaign_id in (select app.readable_campaigns())
$$;
comment on function public.campaign_impact(bigint, integer, integer) is
  'lint 0029, deliberate: security definer and executable by authenticated, because it is the app''s RPC for this; it reads only the campaigns and grids the caller''s claims may read (app.readable_campaigns, app.campaign_visible_grids) and writes nothing.';
revoke execute on function public.campaign_impact(bigint, integer, integer) from public, anon;
grant execute on function public.campaign_impact(bigint, integer, integer) to authenticated;
