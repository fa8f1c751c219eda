-- Re-gridding a split faster (issue 14, grids.split_commit): each point's new grid is looked up
-- once (as a join condition it ran twice per point), incidents are read per grid through their
-- grid index, the campaign rows join their new block once, and the live triggers of incidents
-- and visits are not called at all while app.bulk_load is on. The definitions are
-- supabase/schemas/28_grid_changes.sql and 17_live_changes.sql.

set local search_path = "$user", public, extensions;

create or replace function app.regrid_points(changed bigint[], removed bigint) returns integer
language plpgsql volatile security definer set search_path = public, extensions, pg_temp as $$
declare
  today date := (now() at time zone 'Asia/Shanghai')::date;
  was_located text := current_setting('app.located', true);
  was_quiet text := current_setting('app.bulk_load', true);
  stranding bigint[] := coalesce(
    string_to_array(nullif(current_setting('app.grids_stranding', true), ''), ',')::bigint[], '{}');
  moved integer;
  touched bigint[];
  stranded bigint[];
begin
  -- the moved households are located here (app.located), and each moved visit or incident is
  -- one change of many, not news for every open map (app.bulk_load)
  perform set_config('app.located', 'on', true);
  perform set_config('app.bulk_load', 'on', true);
  with leavers as (
    -- points of the changed grids (and of grids left with stranded points) that their grid no
    -- longer contains: each grid's outline is prepared once for all its points
    select h.id, h.grid_id, h.geom from public.grids g join public.households h on h.grid_id = g.id
    where g.id = any(changed || stranding) and not ST_Intersects(g.geom, h.geom)
    union all
    select h.id, h.grid_id, h.geom from public.households h where h.grid_id = removed
  ), found as (
    -- the containing grid looked up once per point (as a join condition it ran twice)
    select l.id, l.grid_id old_grid, g.id new_grid, g.village_id
    from leavers l
    cross join lateral (select min(x.id) id from public.grids x
                        where ST_Intersects(x.geom, l.geom) and x.id is distinct from removed) n
    join public.grids g on g.id = n.id
  ), moved_rows as (
    update public.households h set grid_id = f.new_grid, village_id = f.village_id
    from found f where h.id = f.id
    returning f.id, f.old_grid, f.new_grid
  ), joined as (
    -- the block each moved household's new grid is in, per running campaign (a grid the blocks
    -- CTE adds is not visible to its sibling CTEs: the old grid's block, which it joins, is used)
    select m.id, m.new_grid, c.id campaign_id, nb.block_id
    from moved_rows m
    cross join public.campaigns c
    left join public.campaign_block_grids nb on nb.campaign_id = c.id and nb.grid_id = m.new_grid
    where c.ends_on >= today
  ), blocks as (
    -- a grid that takes households from a grid of a campaign's block joins that block
    insert into public.campaign_block_grids (block_id, grid_id, campaign_id)
    select distinct on (bg.campaign_id, m.new_grid) bg.block_id, m.new_grid, bg.campaign_id
    from moved_rows m
    join public.campaign_block_grids bg on bg.grid_id = m.old_grid
    join public.campaigns c on c.id = bg.campaign_id and c.ends_on >= today
    order by bg.campaign_id, m.new_grid, bg.block_id
    on conflict do nothing
    returning grid_id
  ), states as (
    update public.campaign_households s set grid_id = j.new_grid, block_id = coalesce(j.block_id, s.block_id)
    from joined j
    where s.campaign_id = j.campaign_id and s.household_id = j.id
    returning s.grid_id
  ), visits as (
    update public.campaign_visits v set grid_id = j.new_grid, block_id = coalesce(j.block_id, v.block_id)
    from joined j
    where v.household_id = j.id and v.campaign_id = j.campaign_id
    returning v.grid_id
  )
  select count(*)::integer,
         array(select distinct x from (select m.old_grid from moved_rows m union select m.new_grid from moved_rows m) y(x)),
         array(select distinct l.grid_id from leavers l where not exists (select 1 from found f where f.id = l.id))
  into moved, touched, stranded
  -- (the other data-modifying CTEs run whether read or not)
  from moved_rows;

  if removed is not null then
    if exists (select 1 from public.households h where h.grid_id = removed) then
      raise exception 'grid_delete_strands_households' using errcode = 'check_violation',
        detail = format('grid %s: %s households lie in no other grid', removed,
                        (select count(*) from public.households h where h.grid_id = removed));
    end if;
    delete from public.campaign_block_grids bg using public.campaigns c
    where bg.grid_id = removed and c.id = bg.campaign_id and c.ends_on >= today;
  end if;

  -- the daily figures of campaigns not yet finished, for the grids households left or joined
  if cardinality(touched) > 0 then
    delete from public.campaign_visit_days d using public.campaigns c
    where c.id = d.campaign_id and c.ends_on >= today and d.grid_id = any(touched);
    insert into public.campaign_visit_days (campaign_id, grid_id, day, visits, fraud_risks_found,
      money_protected, disputes_found, fire_hazards_found, far, very_far)
    select n.campaign_id, n.grid_id, (n.visited_at at time zone 'Asia/Shanghai')::date, count(*),
           count(*) filter (where n.fraud_risk_found), coalesce(sum(n.money_protected), 0),
           count(*) filter (where n.dispute_found), count(*) filter (where n.fire_hazard_found),
           count(*) filter (where n.distance_m > 100 and n.distance_m <= 300), count(*) filter (where n.distance_m > 300)
    from public.campaign_visits n join public.campaigns c on c.id = n.campaign_id and c.ends_on >= today
    where n.grid_id = any(touched)
    group by 1, 2, 3;
  end if;

  -- key units: the grid that contains them, or none
  update public.key_units k set grid_id = x.grid_id, village_id = x.village_id
  from (select distinct on (k2.id) k2.id, g.id grid_id, g.village_id
        from public.key_units k2
        left join public.grids g on g.id = (select min(x.id) from public.grids x
                                            where ST_Intersects(x.geom, k2.geom) and x.id is distinct from removed)
        where (k2.grid_id = any(changed) or k2.grid_id = removed or k2.grid_id is null
               or exists (select 1 from public.grids c where c.id = any(changed) and ST_Intersects(c.geom, k2.geom)))
          and (k2.grid_id is null or k2.grid_id = removed
               or not ST_Intersects((select o.geom from public.grids o where o.id = k2.grid_id), k2.geom))) x
  where k.id = x.id and k.grid_id is distinct from x.grid_id;

  -- incidents: today's figures follow the current grid (reported_grid_id keeps the one at the
  -- time); one in no grid keeps its grid, listed like a stranded household's (but not refused)
  with inc_leavers as (
    -- per grid through the grid index (a plan over the array scanned every incident)
    select i2.id, i2.grid_id, i2.geom from public.grids c
    cross join lateral (select i.id, i.grid_id, i.geom from public.incidents i
                        where i.grid_id = c.id and not ST_Intersects(c.geom, i.geom)) i2
    where c.id = any(changed || stranding)
    union all
    select i2.id, i2.grid_id, i2.geom from public.incidents i2 where i2.grid_id = removed
  ), inc_found as (
    select l.id, g.id grid_id, g.village_id, v.station_id
    from inc_leavers l
    cross join lateral (select min(x.id) id from public.grids x
                        where ST_Intersects(x.geom, l.geom) and x.id is distinct from removed) n
    join public.grids g on g.id = n.id
    join public.villages v on v.id = g.village_id
  ), moved_incidents as (
    update public.incidents i set grid_id = f.grid_id, village_id = f.village_id, station_id = f.station_id
    from inc_found f where i.id = f.id
    returning i.id, i.grid_id
  ), lists as (
    -- an open knock list goes with its incident to the grid that now holds it
    update public.knock_lists k set grid_id = m.grid_id
    from moved_incidents m
    where k.incident_id = m.id
      and exists (select 1 from public.knock_list_households kh where kh.list_id = k.id and kh.outcome is null)
    returning k.id
  )
  select stranded || array(select distinct l.grid_id from inc_leavers l
                           where not exists (select 1 from inc_found f where f.id = l.id)
                             and l.grid_id <> all(stranded))
  into stranded
  from (select count(*) from lists) done;
  perform set_config('app.grids_stranding', array_to_string(stranded, ','), true);

  perform set_config('app.located', coalesce(was_located, ''), true);
  perform set_config('app.bulk_load', coalesce(was_quiet, ''), true);
  -- the import reports how many households its re-drawn grids moved
  perform set_config('app.households_moved',
    (coalesce(nullif(current_setting('app.households_moved', true), ''), '0')::integer + moved)::text, true);
  return moved;
end
$$;

drop trigger incidents_live on public.incidents;
create trigger incidents_live after insert or update on public.incidents
for each row when (current_setting('app.bulk_load', true) is distinct from 'on')
execute function app.incident_changed();

drop trigger campaign_visits_live on public.campaign_visits;
create trigger campaign_visits_live after insert or update on public.campaign_visits
for each row when (current_setting('app.bulk_load', true) is distinct from 'on')
execute function app.visit_recorded();
