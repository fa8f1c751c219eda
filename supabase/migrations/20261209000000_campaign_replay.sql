-- A campaign day by day (issue 19): public.campaign_replay, the door states as they changed, for
-- the replay on the campaign page and in the command room; and the campaign's grids now say their
-- village and station, so the map can colour a grid by its village's or station's impact. The
-- definitions are supabase/schemas/33_campaign_replay.sql and 22_campaign_progress.sql.

set local search_path = "$user", public, extensions;

create or replace function public.campaign_grids(campaign_id bigint) returns json
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

create function public.campaign_replay(campaign_id bigint) returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  with c as (
    select c.id, c.starts_on, least(c.ends_on, (now() at time zone 'Asia/Shanghai')::date) as last_day
    from public.campaigns c
    -- a campaign the caller's stations are not in is not there for them (null: a 404)
    where c.id = campaign_replay.campaign_id and c.id in (select app.readable_campaigns())
  ), m as (
    select m.household_id, m.grid_id, h.geom
    from c cross join app.campaign_members(c.id) m
    join public.households h on h.id = m.household_id
  ), daily as (
    -- a day with a visit that reached the door is visited; else the day ends on its last outcome
    select v.household_id, (v.visited_at at time zone 'Asia/Shanghai')::date as day,
           case when bool_or(v.outcome = 'visited') then 'visited'
                else (array_agg(v.outcome order by v.visited_at desc, v.id desc))[1] end as state
    from public.campaign_visits v
    join m on m.household_id = v.household_id
    where v.campaign_id = campaign_replay.campaign_id
    group by 1, 2
  ), steps as (
    select d.household_id, d.day, d.state,
           lag(d.state) over w as previous,
           coalesce(bool_or(d.state = 'visited') over (w rows between unbounded preceding and 1 preceding), false)
             as reached_before
    from daily d
    window w as (partition by d.household_id order by d.day)
  ), changes as (
    -- visits before the campaign's first day count from it; none after its last day (or today)
    select s.household_id, greatest(s.day, c.starts_on) - c.starts_on as day, s.day as on_day, s.state
    from steps s cross join c
    where not s.reached_before and s.state is distinct from s.previous and s.day <= c.last_day
  )
  select json_build_object(
    'campaign_id', c.id,
    'starts_on', c.starts_on,
    'last_day', c.last_day,
    'household', (select json_build_object(
        'id', coalesce(json_agg(m.household_id order by m.household_id), '[]'::json),
        'lon', coalesce(json_agg(round(ST_X(m.geom)::numeric, 6) order by m.household_id), '[]'::json),
        'lat', coalesce(json_agg(round(ST_Y(m.geom)::numeric, 6) order by m.household_id), '[]'::json),
        'grid', coalesce(json_agg(m.grid_id order by m.household_id), '[]'::json))
      from m),
    'change', (select json_build_object(
        'household', coalesce(json_agg(x.household_id order by x.day, x.household_id, x.on_day), '[]'::json),
        'day', coalesce(json_agg(x.day order by x.day, x.household_id, x.on_day), '[]'::json),
        'state', coalesce(json_agg(x.state order by x.day, x.household_id, x.on_day), '[]'::json))
      from changes x))
  from c
$$;
comment on function public.campaign_replay(bigint) is
  'The door states of a campaign''s households (the caller''s grids) as they changed, day by day from its first day to today or its last.';
revoke execute on function public.campaign_replay(bigint) from public, anon;
grant execute on function public.campaign_replay(bigint) to authenticated;
