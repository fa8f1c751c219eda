-- What a station head weighs when assigning, and the one-step accept of suggestions. Security
-- invoker throughout: the caller sees only the officers, grids and incidents RLS lets them read,
-- and writes go through app.assign_officer with all its checks and its audit row.

-- Each active officer's load: grids as primary officer, grids as helper, the households of their
-- primary grids and the open incidents in them.
create function public.officer_workload() returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  with primary_grids as (
    select a.officer_id, a.grid_id from public.grid_assignments a
    where a.role = 'primary' and upper_inf(a.during)
  ), helpers as (
    select a.officer_id, count(*) as n from public.grid_assignments a
    where a.role = 'helper' and upper_inf(a.during) group by a.officer_id
  ), households as (
    select h.grid_id, count(*) as n from public.households h
    where h.grid_id in (select grid_id from primary_grids) group by h.grid_id
  ), open_incidents as (
    select i.grid_id, count(*) as n from public.incidents i
    where i.status <> 'closed' and i.grid_id in (select grid_id from primary_grids) group by i.grid_id
  ), load as (
    select pg.officer_id, count(*) as grids, sum(coalesce(h.n, 0)) as households,
           sum(coalesce(oi.n, 0)) as open_incidents
    from primary_grids pg
    left join households h on h.grid_id = pg.grid_id
    left join open_incidents oi on oi.grid_id = pg.grid_id
    group by pg.officer_id
  )
  select coalesce(json_agg(json_build_object(
      'id', o.id, 'name', o.name, 'kind', o.kind, 'station_id', o.station_id, 'post', p.name,
      'position', case when o.geom is null then null
                  else json_build_array(round(ST_X(o.geom)::numeric, 5), round(ST_Y(o.geom)::numeric, 5)) end,
      'grids', coalesce(l.grids, 0), 'helper_grids', coalesce(hp.n, 0),
      'households', coalesce(l.households, 0), 'open_incidents', coalesce(l.open_incidents, 0))
    order by o.station_id, o.kind, o.name, o.id), '[]'::json)
  from public.officers o
  left join public.posts p on p.id = o.post_id
  left join load l on l.officer_id = o.id
  left join helpers hp on hp.officer_id = o.id
  where o.status = 'active'
$$;

-- Grids without an active primary officer, with what a suggestion needs: station, households
-- and a point inside the grid to measure distance from.
create function public.unassigned_grids() returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  with open_grids as (
    select g.id, g.name, g.village_id, v.name as village, v.station_id, g.geom
    from public.grids g join public.villages v on v.id = g.village_id
    where not exists (select 1 from public.grid_assignments a
                      where a.grid_id = g.id and a.role = 'primary' and upper_inf(a.during))
  ), households as (
    select h.grid_id, count(*) as n from public.households h
    where h.grid_id in (select id from open_grids) group by h.grid_id
  )
  select coalesce(json_agg(json_build_object(
      'id', og.id, 'name', og.name, 'village_id', og.village_id, 'village', og.village,
      'station_id', og.station_id, 'households', coalesce(h.n, 0),
      'point', json_build_array(round(ST_X(c)::numeric, 5), round(ST_Y(c)::numeric, 5)))
    order by og.id), '[]'::json)
  from open_grids og
  left join households h on h.grid_id = og.id
  cross join lateral ST_PointOnSurface(og.geom) as c
$$;

-- Accept reviewed suggestions in one step: every pair is assigned, or none is (one transaction;
-- a grid that got an officer meanwhile fails the whole batch with assignment_conflict).
create function public.assign_officers(grid_ids bigint[], officer_ids bigint[]) returns json
language plpgsql volatile set search_path = public, extensions, pg_temp as $$
declare
  n integer := coalesce(array_length(grid_ids, 1), 0);
begin
  if n <> coalesce(array_length(officer_ids, 1), 0) then
    raise exception 'invalid_suggestions' using errcode = 'check_violation';
  end if;
  for i in 1 .. n loop
    perform app.assign_officer(grid_ids[i], officer_ids[i], 'primary', null);
  end loop;
  return json_build_object('assigned', n);
end
$$;

revoke execute on function public.officer_workload(), public.unassigned_grids(),
  public.assign_officers(bigint[], bigint[]) from public, anon;
grant execute on function public.officer_workload(), public.unassigned_grids(),
  public.assign_officers(bigint[], bigint[]) to authenticated;

