-- Row-level security at province scale (issue 18). A caller who reads every station (an admin,
-- or a command room or planner with no county) reads every row with a place without the nested
-- subqueries (households → grids → villages → stations), which cost the province's command
-- room six times the work of its query (map_summary 1.1 s, 0.27 s as the owner); and
-- readable_stations() reads the claims once, not once per station. Who sees what is unchanged.
-- The definitions are supabase/schemas/10_roles.sql (and 17, 21, 23 for their tables' policies).

set local search_path = "$user", public, extensions;

create or replace function app.reads_every_station() returns boolean
language sql stable set search_path = public, extensions, pg_temp as $$
  select case app.claim_role()
    when 'command' then app.claim_county() is null
    when 'planner' then app.claim_county() is null
    when 'admin' then true
    else false
  end
$$;
grant execute on function app.reads_every_station() to authenticated;

create or replace function app.readable_stations() returns setof bigint
language sql stable set search_path = public, extensions, pg_temp as $$
  select s.id from public.stations s
  where (select app.reads_every_station()) or case (select app.claim_role())
    when 'station_head' then s.id = (select app.claim_station())
    when 'officer' then s.id = (select app.claim_station())
    when 'command' then s.county_id = (select app.claim_county())
    when 'planner' then s.county_id = (select app.claim_county())
    else false
  end
$$;

alter policy "staff read the villages of the stations they may read" on public.villages
  using ((select app.reads_every_station()) or station_id in (select app.readable_stations()));

alter policy "staff read the grid versions of villages they can see" on public.grid_versions
  using ((select app.reads_every_station()) or village_id in (select v.id from public.villages v));

alter policy "staff read the grids of villages they can see" on public.grids
  using ((select app.reads_every_station()) or village_id in (select v.id from public.villages v));

alter policy "staff read the officers of stations they may read" on public.officers
  using ((select app.reads_every_station()) or station_id in (select app.readable_stations()));

alter policy "staff read the assignments of grids they can see" on public.grid_assignments
  using ((select app.reads_every_station()) or grid_id in (select v.grid_id from public.grid_versions v));

alter policy "staff read the households of grids they can see" on public.households
  using ((select app.reads_every_station()) or grid_id in (select g.id from public.grids g));

alter policy "staff read the household counts of grids they can see" on public.grid_household_counts
  using ((select app.reads_every_station()) or grid_id in (select g.id from public.grids g));

alter policy "staff read the incidents of villages they can see" on public.incidents
  using (
    ((select app.reads_every_station()) and village_id is not null) or village_id in (select v.id from public.villages v));

alter policy "staff read the campaign grids they can see" on public.campaign_block_grids
  using ((select app.reads_every_station()) or grid_id in (select v.grid_id from public.grid_versions v));

alter policy "staff read the visits of grids they can see" on public.campaign_visits
  using ((select app.reads_every_station()) or grid_id in (select v.grid_id from public.grid_versions v));

alter policy "staff read the key units of villages they can see" on public.key_units
  using (
    ((select app.reads_every_station()) and village_id is not null) or village_id in (select v.id from public.villages v));

alter policy "staff read the changes of places they may read" on public.live_changes
  using (
    ((select app.reads_every_station()) and (village_id is not null or station_id is not null))
    or case when village_id is not null then village_id in (select v.id from public.villages v)
            else station_id in (select app.readable_stations()) end);

alter policy "staff read the daily visit figures of grids they can see" on public.campaign_visit_days
  using ((select app.reads_every_station()) or grid_id in (select v.grid_id from public.grid_versions v));

alter policy "staff read the campaign households of grids they can see" on public.campaign_households
  using ((select app.reads_every_station()) or grid_id in (select v.grid_id from public.grid_versions v));

alter policy "staff read the knock lists of grids they can see" on public.knock_lists
  using ((select app.reads_every_station()) or grid_id in (select v.grid_id from public.grid_versions v));

alter policy "staff read the doors of knock lists they can see" on public.knock_list_households
  using ((select app.reads_every_station()) or list_id in (select k.id from public.knock_lists k));
