-- Importing a city's million households in about a minute on the embedded engine, where every
-- statement per row is ~10× dearer than on native Postgres. Measured on 150k staged households
-- (PGlite): the staged row's foreign key to its batch cost ~25% of staging; the commit spent as
-- much on a separate pass writing each row's grid into the staging table, on the row trigger
-- searching the grid again (a SQL function re-planned per row) and on deleting the staged rows
-- one by one as on the insert itself. Grid checks computed a DE-9IM matrix twice per
-- neighbouring pair and unioned every village's grids to find gaps.

-- Staged rows belong to their batch through the import functions alone (they check the batch
-- on every call); abandoned batches take their rows with them explicitly.
alter table app.import_rows drop constraint import_rows_batch_fkey;

-- The grid the preview found a point in (the staged feature's foreign member `grid`): a claim,
-- checked at commit for each grid at once, so a million points need not each search the index.
alter table app.import_rows add column grid_code text;

create or replace function app.import_begin(kind text, file_name text) returns json
language plpgsql volatile security definer set search_path = '' as $$
declare
  created uuid;
begin
  perform app.require_admin();
  -- batches abandoned by a closed tab do not pile up
  with stale as (
    delete from app.import_batches b where b.committed_at is null and b.created_at < now() - interval '1 day'
    returning b.id)
  delete from app.import_rows r where r.batch in (select s.id from stale s);
  insert into app.import_batches (kind, file_name, created_by)
  values (import_begin.kind, coalesce(import_begin.file_name, ''), auth.uid()) returning id into created;
  return json_build_object('batch', created);
end
$$;

-- Appends features to a batch, as before, keeping a point's claimed grid.
create or replace function app.import_stage(batch uuid, features_json text) returns json
language plpgsql volatile security definer set search_path = public, pg_temp as $$
declare
  staged integer;
  features jsonb;
begin
  perform app.require_admin();
  perform app.import_open_batch(batch);
  begin
    features := features_json::jsonb;
  exception when others then
    raise exception 'import_invalid_body' using errcode = 'invalid_parameter_value';
  end;
  if jsonb_typeof(features) is distinct from 'array' then
    raise exception 'import_invalid_body' using errcode = 'invalid_parameter_value';
  end if;
  -- a point is built from its two numbers (several times faster than parsing GeoJSON, which
  -- counts with a million households); anything else goes through ST_GeomFromGeoJSON
  insert into app.import_rows (batch, code, props, grid_code, geom)
  select import_stage.batch, nullif(trim(f -> 'properties' ->> 'code'), ''),
    coalesce(f -> 'properties', '{}'::jsonb), nullif(f ->> 'grid', ''),
    case
      when f -> 'geometry' ->> 'type' = 'Point' and jsonb_typeof(f -> 'geometry' -> 'coordinates' -> 0) = 'number'
        and jsonb_typeof(f -> 'geometry' -> 'coordinates' -> 1) = 'number'
        then ST_SetSRID(ST_MakePoint((f -> 'geometry' -> 'coordinates' ->> 0)::float8,
                                     (f -> 'geometry' -> 'coordinates' ->> 1)::float8), 4326)
      when jsonb_typeof(f -> 'geometry') = 'object'
        then ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON((f -> 'geometry')::text), 4326)) end
  from jsonb_array_elements(features) with ordinality e(f, i)
  order by e.i;
  get diagnostics staged = row_count;
  return json_build_object('staged', staged);
end
$$;

-- The household's grid and village from its location, with each query planned once per session
-- (plpgsql keeps the plans; the SQL functions it called were planned again for every row).
create or replace function public.household_locate() returns trigger
language plpgsql as $$
declare
  found_grid bigint;
  found_village bigint;
begin
  -- a claimed grid that really contains the point costs one polygon test
  select g.id, g.village_id into found_grid, found_village
  from public.grids g where g.id = new.grid_id and ST_Intersects(g.geom, new.geom);
  if found_grid is null then
    -- lowest id on a shared edge, as grid_at; min() keeps the GiST index in a generic plan
    select g.id, g.village_id into found_grid, found_village
    from public.grids g where g.id = (select min(x.id) from public.grids x where ST_Intersects(x.geom, new.geom));
  end if;
  if found_grid is null then
    raise exception 'household_outside_grids'
      using detail = format('household %s at %s lies in no grid', new.code, ST_AsText(new.geom)),
            errcode = 'check_violation';
  end if;
  new.grid_id := found_grid;
  new.village_id := found_village;
  return new;
end
$$;

-- A statement that located its rows itself (the import commit joins every point to its grid)
-- says so with app.located and skips the per-row search. Only the tables' owner writes
-- households (nobody is granted insert or update), so only our own functions can say it.
drop trigger households_locate on public.households;
create trigger households_locate before insert or update of geom, grid_id on public.households
for each row when (current_setting('app.located', true) is distinct from 'on')
execute function public.household_locate();

create or replace function app.import_commit(batch uuid) returns json
language plpgsql volatile security definer set search_path = public, pg_temp as $$
declare
  b app.import_batches;
  first_id bigint;
  total integer;
  problems jsonb;
  created integer := 0;
  updated integer := 0;
  expect text[];
  rebuild boolean := false;
  index_defs text[];
  index_names text[];
  key_names text[];
  key_defs text[];
  fresh boolean;
  k integer;
begin
  perform app.require_admin();
  -- set-up work, not news: a thousand imported incidents stay out of the live change log
  perform set_config('app.bulk_load', 'on', true);
  -- the duplicate check sorts every code of the batch; in memory, not in a hundred spill files
  perform set_config('work_mem', '64MB', true);
  -- these statements are bound by rows, not expressions: compiling them took a second
  perform set_config('jit', 'off', true);
  b := app.import_open_batch(batch);
  -- fresh statistics: the batch may have grown from nothing to a million rows since the last
  -- analyze, and the checks below join it
  analyze app.import_rows;
  select min(r.id), count(*) into first_id, total from app.import_rows r where r.batch = b.id;
  if total = 0 then
    raise exception 'import_empty' using errcode = 'check_violation';
  end if;
  expect := case when b.kind in ('villages', 'grids') then array['POLYGON', 'MULTIPOLYGON'] else array['POINT'] end;

  -- 1. each feature on its own: code, geometry present, type, validity, inside China;
  --    then codes repeated within the file. The message is built only for a feature that has
  --    a problem (building it for each of a million rows and throwing it away took seconds).
  --    Households are checked for repeated codes by the insert itself, below.
  select jsonb_agg(app.import_problem(x.id, x.code, first_id, x.problem) order by x.id) into problems from (
    select y.id, y.code, y.problem from (
      select r.id, r.code, case
          when r.code is null then 'import.code_missing'
          when r.geom is null or ST_IsEmpty(r.geom) then 'import.empty'
          when GeometryType(r.geom) <> all (expect) then 'import.wrong_type'
          when not ST_IsValid(r.geom) then 'import.invalid_geometry'
          when not public.in_china_bounds(r.geom) then 'import.outside_china'
          when b.kind = 'households' and coalesce(r.props ->> 'address', '') = '' then 'import.field_missing'
          when b.kind = 'incidents' and (coalesce(r.props ->> 'category', '') = ''
            or coalesce(r.props ->> 'occurred_at', '') = '') then 'import.field_missing'
        end problem
      from app.import_rows r where r.batch = b.id) y
    where y.problem is not null
    union all
    select d.id, d.code, 'import.duplicate_code'
    from (select r.id, r.code, row_number() over (partition by r.code order by r.id) n
          from app.import_rows r where r.batch = b.id and r.code is not null and b.kind <> 'households') d
    where d.n > 1
    order by 1 limit 200) x;
  if problems is not null then
    raise exception 'import_invalid' using errcode = 'check_violation', detail = problems::text;
  end if;

  -- 2. what each feature must relate to (only now are the geometries safe for overlays: PGlite
  --    returns no rows instead of an error for an overlay with an invalid shape)
  if b.kind = 'grids' then
    update app.import_rows r set target = v.id
    from public.villages v where r.batch = b.id and v.code = r.props ->> 'village_code';
    select jsonb_agg(p order by (p ->> 'index')::bigint) into problems from (select p from (
      select app.import_problem(r.id, r.code, first_id, 'import.unknown_village', r.props ->> 'village_code') p
      from app.import_rows r where r.batch = b.id and r.target is null
      union all
      select app.import_problem(r.id, r.code, first_id, 'import.grid_outside_village', v.code)
      from app.import_rows r join public.villages v on v.id = r.target
      where r.batch = b.id and not ST_CoveredBy(r.geom, v.geom)
        and ST_Area(ST_Difference(r.geom, v.geom, 1e-9)::geography) > 1
      union all
      -- two grids of the file sharing more than 1 m²
      select app.import_problem(r.id, r.code, first_id, 'import.grids_overlap', o.code)
      -- interiors meeting (one DE-9IM matrix; neighbours only share edges), then the area decides
      from app.import_rows r join app.import_rows o
        on o.batch = b.id and o.id < r.id and o.geom && r.geom and ST_Relate(o.geom, r.geom, 'T********')
      where r.batch = b.id
        and ST_Area(ST_Intersection(o.geom, r.geom, 1e-9)::geography) > 1
      union all
      -- a grid of the file over a grid already stored that the file does not replace
      select app.import_problem(r.id, r.code, first_id, 'import.grids_overlap', g.code)
      from app.import_rows r join public.grids g on g.geom && r.geom and ST_Relate(g.geom, r.geom, 'T********')
      where r.batch = b.id and g.code is distinct from r.code
        and not exists (select 1 from app.import_rows o where o.batch = b.id and o.code = g.code)
        and ST_Area(ST_Intersection(g.geom, r.geom, 1e-9)::geography) > 1
    ) y order by (p ->> 'index')::bigint limit 200) x;
  elsif b.kind = 'incidents' then
    -- as a join (the GiST index per point), not `order by g.id limit 1`, which the planner
    -- answers by walking the primary key and testing grids one by one
    update app.import_rows r set target = m.grid
    from (select x.id, min(g.id) grid from app.import_rows x join public.grids g on ST_Intersects(g.geom, x.geom)
          where x.batch = b.id group by x.id) m
    where m.id = r.id;
    select jsonb_agg(app.import_problem(r.id, r.code, first_id, 'import.outside_grids') order by r.id) into problems
    from (select * from app.import_rows r where r.batch = b.id and r.target is null order by r.id limit 200) r;
  elsif b.kind = 'villages' then
    select jsonb_agg(p order by (p ->> 'index')::bigint) into problems from (select p from (
      select app.import_problem(r.id, r.code, first_id, 'import.unknown_township', r.props ->> 'township_code') p
      from app.import_rows r where r.batch = b.id
        and not exists (select 1 from public.townships t where t.code = r.props ->> 'township_code')
      union all
      select app.import_problem(r.id, r.code, first_id, 'import.unknown_station', r.props ->> 'station_code')
      from app.import_rows r where r.batch = b.id
        and not exists (select 1 from public.stations s where s.code = r.props ->> 'station_code')
    ) y order by (p ->> 'index')::bigint limit 200) x;
  elsif b.kind = 'posts' then
    select jsonb_agg(app.import_problem(r.id, r.code, first_id, 'import.unknown_station', r.props ->> 'station_code') order by r.id)
    into problems
    from app.import_rows r where r.batch = b.id
      and not exists (select 1 from public.stations s where s.code = r.props ->> 'station_code');
  end if;
  if problems is not null then
    raise exception 'import_invalid' using errcode = 'check_violation', detail = problems::text;
  end if;

  -- 3. upsert by code; a row equal to its feature is not touched (re-import changes nothing)
  if b.kind = 'villages' then
    with up as (
      insert into public.villages as t (township_id, station_id, code, name, kind, population, geom)
      select tw.id, s.id, r.code, coalesce(nullif(r.props ->> 'name', ''), r.code),
        coalesce(nullif(r.props ->> 'kind', ''), 'village'), coalesce((r.props ->> 'population')::integer, 0),
        ST_Multi(r.geom)
      from app.import_rows r
      join public.townships tw on tw.code = r.props ->> 'township_code'
      join public.stations s on s.code = r.props ->> 'station_code'
      where r.batch = b.id
      on conflict (code) do update set township_id = excluded.township_id, station_id = excluded.station_id,
        name = excluded.name, kind = excluded.kind, population = excluded.population, geom = excluded.geom
      where (t.township_id, t.station_id, t.name, t.kind, t.population, t.geom)
        is distinct from (excluded.township_id, excluded.station_id, excluded.name, excluded.kind,
                          excluded.population, excluded.geom)
      returning (xmax = 0) as inserted)
    select count(*) filter (where inserted), count(*) filter (where not inserted) into created, updated from up;
  elsif b.kind = 'grids' then
    with up as (
      insert into public.grids as t (village_id, code, name, geom)
      select r.target, r.code, coalesce(nullif(r.props ->> 'name', ''), r.code), ST_Multi(r.geom)
      from app.import_rows r where r.batch = b.id
      on conflict (code) do update set village_id = excluded.village_id, name = excluded.name, geom = excluded.geom
      where (t.village_id, t.name, t.geom) is distinct from (excluded.village_id, excluded.name, excluded.geom)
      returning (xmax = 0) as inserted)
    select count(*) filter (where inserted), count(*) filter (where not inserted) into created, updated from up;
    -- gaps: once the file is in, the villages it touched must be covered by their grids (within
    -- 100 m²); the raise undoes the upsert above. With no overlaps and no grid outside its
    -- village (both refused above), the uncovered area is the village's area less its grids'.
    select jsonb_agg(app.import_problem(f.id, f.code, first_id, 'import.village_gap',
        v.code || ':' || round(gap.m2)::text) order by f.id)
    into problems
    from (select r.target, min(r.id) id from app.import_rows r where r.batch = b.id group by r.target) t
    join app.import_rows f on f.id = t.id
    join public.villages v on v.id = t.target
    cross join lateral (
      select ST_Area(v.geom::geography) - sum(ST_Area(g.geom::geography)) m2
      from public.grids g where g.village_id = v.id) gap
    where gap.m2 > 100;
    if problems is not null then
      raise exception 'import_invalid' using errcode = 'check_violation', detail = problems::text;
    end if;
  elsif b.kind = 'posts' then
    with up as (
      insert into public.posts as t (station_id, code, name, kind, geom)
      select s.id, r.code, coalesce(nullif(r.props ->> 'name', ''), r.code),
        coalesce(nullif(r.props ->> 'kind', ''), 'office'), r.geom
      from app.import_rows r join public.stations s on s.code = r.props ->> 'station_code'
      where r.batch = b.id
      on conflict (code) do update set station_id = excluded.station_id, name = excluded.name,
        kind = excluded.kind, geom = excluded.geom
      where (t.station_id, t.name, t.kind, t.geom) is distinct from
        (excluded.station_id, excluded.name, excluded.kind, excluded.geom)
      returning (xmax = 0) as inserted)
    select count(*) filter (where inserted), count(*) filter (where not inserted) into created, updated from up;
  elsif b.kind = 'households' then
    -- Each point goes in with its grid and village, so the row trigger need not search again
    -- (app.located). A grid whose claimed points (the preview's finding) it covers all at once
    -- takes them with one test; other points search the grid index (a join, not `order by g.id
    -- limit 1`, which the planner answers by walking the primary key). A point in no grid comes
    -- with no grid and breaks NOT NULL; only then are such points looked for and named.
    perform set_config('app.located', 'on', true);
    -- A batch of a quarter of the table or more goes in faster without the secondary indexes
    -- and foreign keys, which are built and checked again at the end, each in one pass (as a
    -- restore does). Readers of households wait for the commit meanwhile.
    select count(*) >= 10000 and count(*) * 4 >= (select count(*) from public.households) into rebuild
    from app.import_rows r where r.batch = b.id;
    if rebuild then
      select array_agg(pg_get_indexdef(i.indexrelid)), array_agg(i.indexrelid::regclass::text)
      into index_defs, index_names
      from pg_index i where i.indrelid = 'public.households'::regclass and not i.indisunique;
      select array_agg(c.conname::text), array_agg(pg_get_constraintdef(c.oid))
      into key_names, key_defs
      from pg_constraint c where c.conrelid = 'public.households'::regclass and c.contype = 'f';
      for k in 1 .. coalesce(array_length(index_names, 1), 0) loop
        execute format('drop index %s', index_names[k]);
      end loop;
      for k in 1 .. coalesce(array_length(key_names, 1), 0) loop
        execute format('alter table public.households drop constraint %I', key_names[k]);
      end loop;
    end if;
    -- grids whose claimed points they cover, in a table the planner has statistics for (as a
    -- CTE its size was unknown and the check below became a nested loop over every grid)
    drop table if exists pg_temp.import_claimed_grids;
    create temp table import_claimed_grids (code text primary key, id bigint not null, village_id bigint not null)
      on commit drop;
    insert into pg_temp.import_claimed_grids (code, id, village_id)
    select g.code, g.id, g.village_id
    from (select r.grid_code, ST_Collect(r.geom) points from app.import_rows r
          where r.batch = b.id and r.grid_code is not null group by r.grid_code) c
    join public.grids g on g.code = c.grid_code
    where ST_CoveredBy(c.points, g.geom);
    analyze pg_temp.import_claimed_grids;
    -- the rest (usually none) search the grid index
    update app.import_rows r set target = m.grid
    from (select x.id, min(g.id) grid from app.import_rows x join public.grids g on ST_Intersects(g.geom, x.geom)
          where x.batch = b.id
            and not exists (select 1 from pg_temp.import_claimed_grids c where c.code = x.grid_code)
          group by x.id) m
    where m.id = r.id;
    -- a batch of new codes only (a first load) goes in as a plain insert: ON CONFLICT makes
    -- every row a speculative insertion, which costs ~10% of the insert
    fresh := not exists (select 1 from app.import_rows r join public.households h on h.code = r.code
                         where r.batch = b.id);
    begin
      if fresh then
        insert into public.households (grid_id, village_id, code, address, head_name, phone, id_number,
          residents, elderly_alone, past_fraud_victim, rental, geom)
        select coalesce(c.id, g.id), coalesce(c.village_id, g.village_id), r.code, coalesce(r.props ->> 'address', ''),
          coalesce(r.props ->> 'head_name', ''), coalesce(r.props ->> 'phone', ''),
          coalesce(r.props ->> 'id_number', ''), coalesce((r.props ->> 'residents')::smallint, 1),
          coalesce((r.props ->> 'elderly_alone')::boolean, false),
          coalesce((r.props ->> 'past_fraud_victim')::boolean, false),
          coalesce((r.props ->> 'rental')::boolean, false), r.geom
        from app.import_rows r
        left join pg_temp.import_claimed_grids c on c.code = r.grid_code
        left join public.grids g on g.id = r.target
        where r.batch = b.id;
        get diagnostics created = row_count;
      else
        with located as (
          select r.code, r.props, r.geom, coalesce(c.id, g.id) grid_id, coalesce(c.village_id, g.village_id) village_id
          from app.import_rows r
          left join pg_temp.import_claimed_grids c on c.code = r.grid_code
          left join public.grids g on g.id = r.target
          where r.batch = b.id),
        up as (
          insert into public.households as t (grid_id, village_id, code, address, head_name, phone, id_number,
            residents, elderly_alone, past_fraud_victim, rental, geom)
          select l.grid_id, l.village_id, l.code, coalesce(l.props ->> 'address', ''),
            coalesce(l.props ->> 'head_name', ''), coalesce(l.props ->> 'phone', ''),
            coalesce(l.props ->> 'id_number', ''), coalesce((l.props ->> 'residents')::smallint, 1),
            coalesce((l.props ->> 'elderly_alone')::boolean, false),
            coalesce((l.props ->> 'past_fraud_victim')::boolean, false),
            coalesce((l.props ->> 'rental')::boolean, false), l.geom
          from located l
          on conflict (code) do update set grid_id = excluded.grid_id, village_id = excluded.village_id,
            address = excluded.address, head_name = excluded.head_name, phone = excluded.phone,
            id_number = excluded.id_number, residents = excluded.residents, elderly_alone = excluded.elderly_alone,
            past_fraud_victim = excluded.past_fraud_victim, rental = excluded.rental, geom = excluded.geom
          where (t.address, t.head_name, t.phone, t.id_number, t.residents, t.elderly_alone, t.past_fraud_victim,
                 t.rental, t.geom)
            is distinct from (excluded.address, excluded.head_name, excluded.phone, excluded.id_number,
                 excluded.residents, excluded.elderly_alone, excluded.past_fraud_victim, excluded.rental, excluded.geom)
          returning (xmax = 0) as inserted)
        select count(*) filter (where inserted), count(*) filter (where not inserted) into created, updated from up;
      end if;
    exception when cardinality_violation or unique_violation then
      -- the file repeats a code (ON CONFLICT met it twice, or the plain insert did)
      select jsonb_agg(app.import_problem(d.id, d.code, first_id, 'import.duplicate_code') order by d.id) into problems
      from (select x.id, x.code from (select r.id, r.code, row_number() over (partition by r.code order by r.id) n
                                      from app.import_rows r where r.batch = b.id) x
            where x.n > 1 order by x.id limit 200) d;
      raise exception 'import_invalid' using errcode = 'check_violation', detail = problems::text;
    when not_null_violation then
      select jsonb_agg(app.import_problem(r.id, r.code, first_id, 'import.outside_grids') order by r.id) into problems
      from (select * from app.import_rows r where r.batch = b.id
              and not exists (select 1 from public.grids g where ST_Intersects(g.geom, r.geom))
            order by r.id limit 200) r;
      raise exception 'import_invalid' using errcode = 'check_violation', detail = problems::text;
    end;
    for k in 1 .. coalesce(array_length(index_defs, 1), 0) loop
      execute index_defs[k];
    end loop;
    for k in 1 .. coalesce(array_length(key_names, 1), 0) loop
      execute format('alter table public.households add constraint %I %s', key_names[k], key_defs[k]);
    end loop;
    perform set_config('app.located', 'off', true);
  elsif b.kind = 'incidents' then
    with up as (
      insert into public.incidents as t (code, category, status, priority, summary, occurred_at, updated_at,
        mediation_status, geom)
      select r.code, coalesce(nullif(r.props ->> 'category', ''), 'other'),
        coalesce(nullif(r.props ->> 'status', ''), 'closed'), coalesce((r.props ->> 'priority')::smallint, 2),
        coalesce(r.props ->> 'summary', ''), (r.props ->> 'occurred_at')::timestamptz,
        (r.props ->> 'occurred_at')::timestamptz, nullif(r.props ->> 'mediation_status', ''), r.geom
      from app.import_rows r where r.batch = b.id
      on conflict (code) do update set category = excluded.category, status = excluded.status,
        priority = excluded.priority, summary = excluded.summary, occurred_at = excluded.occurred_at,
        mediation_status = excluded.mediation_status, geom = excluded.geom, updated_at = now()
      where (t.category, t.status, t.priority, t.summary, t.occurred_at, t.mediation_status, t.geom)
        is distinct from (excluded.category, excluded.status, excluded.priority, excluded.summary,
             excluded.occurred_at, excluded.mediation_status, excluded.geom)
      returning (xmax = 0) as inserted)
    select count(*) filter (where inserted), count(*) filter (where not inserted) into created, updated from up;
  end if;

  update app.import_batches x set committed_at = now() where x.id = b.id;
  -- a million staged rows deleted one by one cost as much as staging them; emptied at once
  -- unless another admin's batch is open
  if exists (select 1 from app.import_batches x where x.id <> b.id and x.committed_at is null
             and exists (select 1 from app.import_rows r where r.batch = x.id)) then
    delete from app.import_rows r where r.batch = b.id;
  else
    truncate app.import_rows;
  end if;
  perform app.append_audit('import', b.kind, null, null, jsonb_build_object('file', b.file_name,
    'created', created, 'updated', updated, 'unchanged', total - created - updated));
  return json_build_object('kind', b.kind, 'total', total, 'created', created, 'updated', updated,
    'unchanged', total - created - updated);
end
$$;

