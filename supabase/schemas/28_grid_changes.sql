-- Grids change (网格调整): a grid is split, merged, re-drawn or added. Whatever writes the
-- change (the editor, the import, plain SQL in Supabase Studio as the service role), the rules
-- below hold in the same transaction:
-- - grids of a village do not overlap by more than 1 m² (the village check's tolerance; a
--   shared edge drawn twice differs by floating-point noise, far below a square metre),
--   checked when the transaction commits;
-- - every point that hangs on a grid (households, key units, incidents, knock lists, the
--   households, visits and daily figures of campaigns not yet finished) is re-derived,
--   set-based, from where it lies; per-grid household counts follow through their triggers;
-- - a change that leaves a household in no grid is refused when the transaction commits (so a
--   shared edge may be moved, or two grids merged, in several statements in any order);
-- - every version of a grid is kept with the period it was valid (grid_versions), and every
--   change is audited.
-- Incidents keep the grid they were reported in (reported_grid_id, history) and follow the
-- current grids in grid_id (today's figures). Finished campaigns keep the grids of their
-- period: their visits and figures are not re-derived. Assignments stay on their grid id: the
-- editor keeps the old id on the part of a split with the most households, so the officer stays
-- there and the other part shows as a gap. A deleted grid (merged into a neighbour) ends its
-- assignments; its history (past assignments, finished campaigns, closed knock lists) keeps
-- its id, which app.grid_ids holds for ever, and its outline, which grid_versions holds.

-- Every grid id there has ever been: history rows refer to a grid through it, so deleting a grid
-- (a merge) keeps the history of who covered it and what a finished campaign did there.
create table app.grid_ids (id bigint primary key);
comment on table app.grid_ids is
  'every grid id ever used; history tables reference it so that a deleted grid keeps its history (its outlines are in grid_versions)';
revoke all on table app.grid_ids from public, anon, authenticated;
-- checked at commit: an upsert of grids (the import) re-derives in its UPDATE statement
-- trigger, which may run before the INSERT one that registers the new ids
alter table public.grid_assignments drop constraint grid_assignments_grid_id_fkey,
  add constraint grid_assignments_grid_id_fkey foreign key (grid_id) references app.grid_ids (id)
    deferrable initially deferred;
alter table public.campaign_block_grids drop constraint campaign_block_grids_grid_id_fkey,
  add constraint campaign_block_grids_grid_id_fkey foreign key (grid_id) references app.grid_ids (id)
    deferrable initially deferred;
alter table public.campaign_households drop constraint campaign_households_grid_id_fkey,
  add constraint campaign_households_grid_id_fkey foreign key (grid_id) references app.grid_ids (id)
    deferrable initially deferred;
alter table public.campaign_visits drop constraint campaign_visits_grid_id_fkey,
  add constraint campaign_visits_grid_id_fkey foreign key (grid_id) references app.grid_ids (id)
    deferrable initially deferred;
alter table public.campaign_visit_days drop constraint campaign_visit_days_grid_id_fkey,
  add constraint campaign_visit_days_grid_id_fkey foreign key (grid_id) references app.grid_ids (id)
    deferrable initially deferred;
alter table public.knock_lists drop constraint knock_lists_grid_id_fkey,
  add constraint knock_lists_grid_id_fkey foreign key (grid_id) references app.grid_ids (id)
    deferrable initially deferred;

-- (grid_versions, the table of every version, is defined with the grids in 02_places.sql: the
-- history tables' policies read it)

-- The grids as they were at a moment: one query over the versions.
create function public.grids_at(at timestamptz)
returns table (grid_id bigint, village_id bigint, code text, name text, geom geometry)
language sql stable set search_path = public, extensions, pg_temp as $$
  select v.grid_id, v.village_id, v.code, v.name, v.geom
  from public.grid_versions v where v.valid @> at
$$;

alter table public.incidents add column reported_grid_id bigint;
comment on column public.incidents.reported_grid_id is
  'the grid the incident was reported in, kept when grids are re-drawn; grid_id follows the current grids';

create function public.incident_reported_grid() returns trigger
language plpgsql set search_path = public, extensions, pg_temp as $$
begin
  new.reported_grid_id := new.grid_id;
  return new;
end
$$;
-- named after incidents_locate, so it runs after the grid is found
create trigger incidents_reported_grid before insert or update of geom on public.incidents
for each row execute function public.incident_reported_grid();

-- The grid layer as it was at a moment (the overview's ?at=): each grid version valid then, with
-- the primary officer then responsible, the households inside its outline (as they are located
-- today: households carry no history) and the incidents of the 30 days before, by the grid they
-- were reported in. Same shape as the current grid layer. Security definer, scoped to the
-- stations the caller may read (as the layer's row-level security would): households counted
-- through row-level security took 30 s for a county, through the index alone well under one.
create function public.layer_grids_at(at timestamptz) returns json
language sql stable security definer set search_path = public, extensions, pg_temp as $$
  with v as (
    select g.grid_id, g.village_id, g.code, g.name, g.geom
    from public.grid_versions g join public.villages vi on vi.id = g.village_id
    where g.valid @> at and vi.station_id in (select app.readable_stations())
  ),
  officer as (
    select distinct on (a.grid_id) a.grid_id, o.id officer_id, o.name
    from public.grid_assignments a join public.officers o on o.id = a.officer_id
    where a.role = 'primary' and a.during @> at and a.grid_id in (select v.grid_id from v)
    order by a.grid_id, lower(a.during) desc
  ),
  held as (
    select v.grid_id, count(h.id) n from v join public.households h on ST_Intersects(v.geom, h.geom) group by v.grid_id
  ),
  inc as (
    select i.reported_grid_id grid_id, count(*) n from public.incidents i
    where i.occurred_at >= at - interval '30 days' and i.occurred_at < at group by 1
  )
  select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
      'type', 'Feature', 'id', v.grid_id,
      'properties', json_build_object('id', v.grid_id, 'name', v.name, 'code', v.code, 'village_id', v.village_id,
        'officer_id', o.officer_id, 'officer', o.name, 'households', coalesce(h.n, 0),
        'incidents_30d', coalesce(i.n, 0), 'visited_share', null),
      'geometry', ST_AsGeoJSON(v.geom, 5)::json) order by v.grid_id), '[]'::json))
  from v left join officer o on o.grid_id = v.grid_id left join held h on h.grid_id = v.grid_id
  left join inc i on i.grid_id = v.grid_id
$$;
comment on function public.layer_grids_at(at timestamptz) is
  'lint 0029, deliberate: security definer and executable by authenticated, because it is the app''s RPC for this; it reads only the stations the caller''s claims may read (app.readable_stations) and writes nothing.';
revoke execute on function public.layer_grids_at(timestamptz) from public, anon;
grant execute on function public.layer_grids_at(timestamptz) to authenticated;

-- Re-derives what hangs on the grids after the grids `changed` were added or re-drawn, or the
-- grid `removed` is being deleted. A point moves only when its grid no longer contains it (or
-- is `removed`), to the grid that does (lowest id on a shared edge, as grid_at). A household
-- that no grid contains keeps its grid and its grid is listed in app.grids_stranding: the
-- commit-time check refuses the change unless a later statement of the transaction gives the
-- household a grid (the next call looks at the listed grids' households again). Only a grid
-- change moves a household out of its grid, and each one comes through here, so a grid not
-- listed has none stranded. Returns the number of households moved.
create function app.regrid_points(changed bigint[], removed bigint) returns integer
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
revoke execute on function app.regrid_points(bigint[], bigint) from public, anon, authenticated;

-- After grids are added, re-drawn or deleted: points re-derived, a version opened or closed,
-- the change audited. One statement trigger per event (transition tables need that); each
-- branch reads only the transition tables its event has.
create function app.grids_changed() returns trigger
language plpgsql security definer set search_path = public, extensions, pg_temp as $$
declare
  t timestamptz := coalesce(nullif(current_setting('app.grid_valid_from', true), '')::timestamptz, now());
  changed bigint[];
begin
  if tg_op = 'INSERT' then
    insert into app.grid_ids (id) select n.id from new_rows n on conflict do nothing;
    select array_agg(n.id) into changed from new_rows n;
  elsif tg_op = 'UPDATE' then
    select array_agg(n.id) into changed
    from new_rows n join old_rows o on o.id = n.id where o.geom is distinct from n.geom;
  end if;
  if changed is not null then
    perform app.regrid_points(changed, null);
  end if;

  -- versions: the open one of a changed grid closes now; one opened earlier in this same
  -- transaction is replaced instead (its period would be empty)
  if tg_op = 'UPDATE' then
    delete from public.grid_versions v using old_rows o, new_rows n
    where o.id = n.id and v.grid_id = o.id and upper_inf(v.valid) and lower(v.valid) >= t
      and (o.geom, o.name, o.code, o.village_id) is distinct from (n.geom, n.name, n.code, n.village_id);
    update public.grid_versions v set valid = tstzrange(lower(v.valid), t)
    from old_rows o, new_rows n
    where o.id = n.id and v.grid_id = o.id and upper_inf(v.valid) and lower(v.valid) < t
      and (o.geom, o.name, o.code, o.village_id) is distinct from (n.geom, n.name, n.code, n.village_id);
    insert into public.grid_versions (grid_id, village_id, code, name, geom, valid, changed_by)
    select n.id, n.village_id, n.code, n.name, n.geom, tstzrange(t, null), auth.uid()
    from new_rows n join old_rows o on o.id = n.id
    where (o.geom, o.name, o.code, o.village_id) is distinct from (n.geom, n.name, n.code, n.village_id);
    insert into public.audit_log (actor, action, table_name, row_id, before, after)
    select auth.uid(), 'grid_update', 'grids', n.id,
           jsonb_build_object('code', o.code, 'name', o.name, 'village_id', o.village_id,
                              'area_m2', round(ST_Area(o.geom::geography)::numeric)),
           jsonb_build_object('code', n.code, 'name', n.name, 'village_id', n.village_id,
                              'area_m2', round(ST_Area(n.geom::geography)::numeric))
    from new_rows n join old_rows o on o.id = n.id
    where (o.geom, o.name, o.code, o.village_id) is distinct from (n.geom, n.name, n.code, n.village_id);
  elsif tg_op = 'INSERT' then
    insert into public.grid_versions (grid_id, village_id, code, name, geom, valid, changed_by)
    select n.id, n.village_id, n.code, n.name, n.geom, tstzrange(t, null), auth.uid() from new_rows n;
    insert into public.audit_log (actor, action, table_name, row_id, before, after)
    select auth.uid(), 'grid_insert', 'grids', n.id, null,
           jsonb_build_object('code', n.code, 'name', n.name, 'village_id', n.village_id,
                              'area_m2', round(ST_Area(n.geom::geography)::numeric))
    from new_rows n;
  elsif tg_op = 'DELETE' then
    update public.grid_versions v set valid = tstzrange(lower(v.valid), t)
    from old_rows o where v.grid_id = o.id and upper_inf(v.valid) and lower(v.valid) < t;
    delete from public.grid_versions v using old_rows o
    where v.grid_id = o.id and upper_inf(v.valid) and lower(v.valid) >= t;
    insert into public.audit_log (actor, action, table_name, row_id, before, after)
    select auth.uid(), 'grid_delete', 'grids', o.id,
           jsonb_build_object('code', o.code, 'name', o.name, 'village_id', o.village_id,
                              'area_m2', round(ST_Area(o.geom::geography)::numeric)), null
    from old_rows o;
  end if;
  -- open maps reload the grids of the villages whose plan changed (one change per village)
  if not app.live_quiet() then
    if tg_op = 'DELETE' then
      perform app.append_live_change('grid_plan', 'update', x.village_id, x.village_id, null,
                                     jsonb_build_object('village_id', x.village_id))
      from (select distinct o.village_id from old_rows o) x;
    else
      perform app.append_live_change('grid_plan', 'update', x.village_id, x.village_id, null,
                                     jsonb_build_object('village_id', x.village_id))
      from (select distinct n.village_id from new_rows n where n.id = any(coalesce(changed, '{}'))
            or tg_op = 'UPDATE') x;
    end if;
  end if;
  return null;
end
$$;
revoke execute on function app.grids_changed() from public, anon, authenticated;

create trigger grids_inserted after insert on public.grids
  referencing new table as new_rows for each statement execute function app.grids_changed();
create trigger grids_updated after update on public.grids
  referencing old table as old_rows new table as new_rows for each statement execute function app.grids_changed();
create trigger grids_deleted after delete on public.grids
  referencing old table as old_rows for each statement execute function app.grids_changed();

-- Before a grid is deleted, what hangs on it goes to the grid that now covers it (the editor
-- gives the area to a neighbour first). A household left in no grid refuses the delete. Its
-- assignments end now (one begun in this same transaction is dropped: its period is empty).
create function app.grid_removing() returns trigger
language plpgsql security definer set search_path = public, extensions, pg_temp as $$
begin
  perform app.regrid_points('{}', old.id);
  delete from public.grid_assignments a where a.grid_id = old.id and lower(a.during) >= now();
  update public.grid_assignments a set during = tstzrange(lower(a.during), now())
  where a.grid_id = old.id and upper_inf(a.during);
  return old;
end
$$;
revoke execute on function app.grid_removing() from public, anon, authenticated;
create trigger grids_removing before delete on public.grids
for each row execute function app.grid_removing();

-- At commit, not per statement, so that a shared edge may be moved or two grids merged in
-- several statements in any order: a grid overlaps no other grid of its village by more than
-- 1 m², and a re-drawn grid still contains every household it holds (households no grid
-- contains keep their grid when re-derived, and their grid is listed in app.grids_stranding,
-- so this is where such a change is refused). Each reads the grid as it is at commit; a grid
-- deleted since has nothing to check.
create function app.grid_overlaps_none() returns trigger
language plpgsql security definer set search_path = public, extensions, pg_temp as $$
declare
  found_overlap text;
begin
  -- interiors meeting (one DE-9IM matrix; neighbours only share edges), then the area decides
  select string_agg(format('%s ∩ %s: %s m²', x.a, x.b, round(x.m2::numeric)), '; ') into found_overlap from (
    select n.code a, g.code b, ST_Area(ST_Intersection(g.geom, n.geom, 1e-9)::geography) m2
    from public.grids n join public.grids g
      on g.village_id = n.village_id and g.id <> n.id and g.geom && n.geom and ST_Relate(g.geom, n.geom, 'T********')
    where n.id = new.id) x
  where x.m2 > 1;
  if found_overlap is not null then
    raise exception 'grid_overlap' using errcode = 'check_violation', detail = found_overlap;
  end if;
  return null;
end
$$;
revoke execute on function app.grid_overlaps_none() from public, anon, authenticated;
-- the import checks a file's grids against each other and the stored ones set-based, and says
-- so with app.grids_checked (as for the village check)
create constraint trigger grids_overlap_none after insert or update of geom, village_id on public.grids
deferrable initially deferred
for each row when (current_setting('app.grids_checked', true) is distinct from 'on')
execute function app.grid_overlaps_none();

create function app.grid_keeps_its_households() returns trigger
language plpgsql security definer set search_path = public, extensions, pg_temp as $$
declare
  stranded bigint;
begin
  if not new.id = any(coalesce(
       string_to_array(nullif(current_setting('app.grids_stranding', true), ''), ',')::bigint[], '{}')) then
    return null;
  end if;
  select count(*) into stranded
  from public.grids g join public.households h on h.grid_id = g.id
  where g.id = new.id and not ST_Intersects(g.geom, h.geom);
  if stranded > 0 then
    raise exception 'grid_change_strands_households' using errcode = 'check_violation',
      detail = format('grid %s: %s households would lie in no grid', new.code, stranded);
  end if;
  return null;
end
$$;
revoke execute on function app.grid_keeps_its_households() from public, anon, authenticated;
create constraint trigger grids_keep_households after update of geom on public.grids
deferrable initially deferred
for each row execute function app.grid_keeps_its_households();
