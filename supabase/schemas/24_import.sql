-- Importing villages, grids, posts, households and incidents from files. The browser parses and
-- pre-validates; the server streams the normalised GeoJSON here in chunks (import_stage_rows) and
-- import_commit applies the batch in ONE transaction: every rule is checked again in SQL, the
-- rows are upserted by code (a feature equal to its row is left alone, so re-importing a file
-- changes nothing), and one audit entry records the summary. Any problem raises
-- `import_invalid` with the offending features as JSON in the detail, and nothing is written.
-- Admins only; the staging tables are reached through these security-definer functions alone.
-- Those that do geometry run with search_path = public, extensions, pg_temp: PostGIS's
-- functions, operators (&&, =) and the geography cast live in extensions, since PostgreSQL 15
-- nobody but the owner creates in public, and pg_temp last so a caller's temp objects never
-- stand in for ours.

-- Importing a city's million households in about a minute on the embedded engine, where every
-- statement per row is ~10× dearer than on native Postgres. Measured on 150k staged households
-- (PGlite): the staged row's foreign key to its batch cost ~25% of staging; the commit spent as
-- much on a separate pass writing each row's grid into the staging table, on the row trigger
-- searching the grid again (a SQL function re-planned per row) and on deleting the staged rows
-- one by one as on the insert itself. Grid checks computed a DE-9IM matrix twice per
-- neighbouring pair and unioned every village's grids to find gaps.

-- Staging a city's 900k households on native Postgres cost ~55 ms per 5,000-row chunk: ~18 ms
-- parsing the GeoJSON into jsonb, ~25 ms inserting, a quarter of which was WAL. Now:
-- - staged rows are unlogged;
-- - a point comes as its two bare numbers: [properties, [x, y], grid];
-- - a row is numbered by its place in the file, which the page sends (instead of an identity,
--   whose order was the order of arrival): two chunks can be staged at once, and a problem
--   names the feature's place in the file whatever the order of arrival.
-- The grid overlap check joined a city's 3,512 staged grids pairwise on their ids, testing 6 M
-- bounding boxes without an index (2.2 s); the staged grids now go through an indexed temp table.

create table app.import_batches (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('villages', 'grids', 'posts', 'households', 'incidents')),
  file_name text not null default '',
  created_by uuid,
  created_at timestamptz not null default now(),
  committed_at timestamptz
);

-- Staged rows are a moment's copy of a file the admin still holds: a crash empties the table
-- (the commit then reports an empty import, and the file is sent again), and they are never
-- worth writing to the WAL (or to a replica).
create unlogged table app.import_rows (
  -- no foreign key: staged rows belong to their batch through the import functions alone (they
  -- check the batch on every call); abandoned batches take their rows with them explicitly
  batch uuid not null,
  code text,
  props jsonb not null default '{}',
  -- any type, 2D, SRID 4326: the type is checked at commit so the message can name the feature
  geom geometry,
  -- the grid (households, incidents) or village (grids) the row belongs to, resolved at commit
  target bigint,
  -- The grid the preview found a point in (the staged feature's foreign member `grid`): a claim,
  -- checked at commit for each grid at once, so a million points need not each search the index.
  grid_code text,
  -- the feature's place in the file, which the page sends
  ord integer not null,
  primary key (batch, ord)
);

alter table app.import_batches enable row level security;
alter table app.import_rows enable row level security;
-- No direct access: only the functions below (security definer, admin checked) touch them.
create policy "nobody reads import batches directly" on app.import_batches for select to authenticated using (false);
create policy "nobody reads staged import rows directly" on app.import_rows for select to authenticated using (false);

create function app.import_begin(kind text, file_name text) returns json
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
comment on function app.import_begin(kind text, file_name text) is
  'lint 0029, deliberate: security definer and executable by authenticated, because it is the app''s RPC for this; it checks the caller''s claims (role, station, admin) itself before it reads or writes.';

-- The caller's open batch, locked. `shared`: a chunk being staged, which shares the batch with
-- the other chunks in flight (FOR UPDATE made them queue); the commit takes it FOR UPDATE and so
-- waits for every chunk being staged.
create function app.import_open_batch(batch uuid, shared boolean default false) returns app.import_batches
language plpgsql volatile security definer set search_path = '' as $$
declare
  b app.import_batches;
begin
  if shared then
    select * into b from app.import_batches x where x.id = batch for share;
  else
    select * into b from app.import_batches x where x.id = batch for update;
  end if;
  if b.id is null or b.created_by is distinct from auth.uid() then
    raise exception 'import_batch_not_found' using errcode = 'no_data_found';
  end if;
  if b.committed_at is not null then
    raise exception 'import_batch_committed' using errcode = 'check_violation';
  end if;
  return b;
end
$$;
revoke execute on function app.import_open_batch(uuid, boolean) from public, anon, authenticated;

-- A problem as import_commit reports it: `index` is the feature's 1-based place in the file.
create function app.import_problem(ord integer, code text, problem text, other text default null)
returns jsonb
-- parallel safe, so that the scan of a million staged rows for problems may be shared by workers
language sql immutable parallel safe set search_path = public, extensions, pg_temp as $$
  select jsonb_strip_nulls(jsonb_build_object('index', ord, 'code', code, 'problem', problem, 'other', other))
$$;
revoke execute on function app.import_problem(integer, text, text, text) from public, anon, authenticated;

-- Appends staged rows (a JSON array as text: every transport passes text unchanged) to a batch;
-- nothing reaches the real tables yet. A row is [properties, place, grid?]; the place is a
-- point's [x, y] or a GeoJSON geometry. A row of another shape stages without a code or a
-- geometry, which the commit names. `start` is the number of features before the chunk in
-- the file; a chunk sent twice is refused.
create function app.import_stage_rows(batch uuid, rows_json text, start integer) returns json
language plpgsql volatile security definer set search_path = public, extensions, pg_temp as $$
declare
  staged integer;
  parsed jsonb;
begin
  perform app.require_admin();
  perform app.import_open_batch(batch, shared => true);
  begin
    parsed := rows_json::jsonb;
  exception when others then
    raise exception 'import_invalid_body' using errcode = 'invalid_parameter_value';
  end;
  if jsonb_typeof(parsed) is distinct from 'array' or start is null or start < 0 then
    raise exception 'import_invalid_body' using errcode = 'invalid_parameter_value';
  end if;
  begin
    insert into app.import_rows (batch, ord, code, props, grid_code, geom)
    select import_stage_rows.batch, start + e.i, nullif(trim(f -> 0 ->> 'code'), ''),
      case when jsonb_typeof(f -> 0) = 'object' then f -> 0 else '{}' end, nullif(f ->> 2, ''),
      case
        when jsonb_typeof(f -> 1 -> 0) = 'number' and jsonb_typeof(f -> 1 -> 1) = 'number'
          then ST_SetSRID(ST_MakePoint((f -> 1 ->> 0)::float8, (f -> 1 ->> 1)::float8), 4326)
        when jsonb_typeof(f -> 1) = 'object'
          then ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON((f -> 1)::text), 4326)) end
    from jsonb_array_elements(parsed) with ordinality e(f, i);
    get diagnostics staged = row_count;
  exception when unique_violation then
    raise exception 'import_chunk_repeated' using errcode = 'invalid_parameter_value';
  end;
  return json_build_object('staged', staged);
end
$$;
comment on function app.import_stage_rows(batch uuid, rows_json text, start integer) is
  'lint 0029, deliberate: security definer and executable by authenticated, because it is the app''s RPC for this; it checks the caller''s claims (role, station, admin) itself before it reads or writes.';
revoke execute on function app.import_stage_rows(uuid, text, integer) from public, anon;
grant execute on function app.import_stage_rows(uuid, text, integer) to authenticated;

create function public.import_stage_rows(batch uuid, rows text, start integer) returns json
language sql volatile set search_path = public, extensions, pg_temp as $$ select app.import_stage_rows(batch, rows, start) $$;
revoke execute on function public.import_stage_rows(uuid, text, integer) from public, anon;
grant execute on function public.import_stage_rows(uuid, text, integer) to authenticated;

-- Commits a batch of villages: a village's township and station must exist.
create function app.import_commit_villages(b app.import_batches, out created integer, out updated integer)
language plpgsql volatile set search_path = public, extensions, pg_temp as $$
declare
  problems jsonb;
begin
  created := 0;
  updated := 0;
  select jsonb_agg(p order by (p ->> 'index')::bigint) into problems from (select p from (
    select app.import_problem(r.ord, r.code, 'import.unknown_township', r.props ->> 'township_code') p
    from app.import_rows r where r.batch = b.id
      and not exists (select 1 from public.townships t where t.code = r.props ->> 'township_code')
    union all
    select app.import_problem(r.ord, r.code, 'import.unknown_station', r.props ->> 'station_code')
    from app.import_rows r where r.batch = b.id
      and not exists (select 1 from public.stations s where s.code = r.props ->> 'station_code')
  ) y order by (p ->> 'index')::bigint limit 200) x;
  if problems is not null then
    raise exception 'import_invalid' using errcode = 'check_violation', detail = problems::text;
  end if;
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
end
$$;
revoke execute on function app.import_commit_villages(app.import_batches) from public, anon, authenticated;

-- Commits a batch of grids: a grid lies in a known village and overlaps no other grid; after
-- the upsert, the villages it touched must be covered by their grids.
create function app.import_commit_grids(b app.import_batches, out created integer, out updated integer)
language plpgsql volatile set search_path = public, extensions, pg_temp as $$
declare
  problems jsonb;
begin
  created := 0;
  updated := 0;
  update app.import_rows r set target = v.id
  from public.villages v where r.batch = b.id and v.code = r.props ->> 'village_code';
  -- the file's grids with a spatial index, for the pairwise overlap check below
  drop table if exists pg_temp.import_staged_grids;
  create temp table import_staged_grids on commit drop as
    select r.ord, r.code, r.geom from app.import_rows r where r.batch = b.id;
  create index on pg_temp.import_staged_grids using gist (geom);
  analyze pg_temp.import_staged_grids;
  select jsonb_agg(p order by (p ->> 'index')::bigint) into problems from (select p from (
    select app.import_problem(r.ord, r.code, 'import.unknown_village', r.props ->> 'village_code') p
    from app.import_rows r where r.batch = b.id and r.target is null
    union all
    select app.import_problem(r.ord, r.code, 'import.grid_outside_village', v.code)
    from app.import_rows r join public.villages v on v.id = r.target
    where r.batch = b.id and not ST_CoveredBy(r.geom, v.geom)
      and ST_Area(ST_Difference(r.geom, v.geom, 1e-9)::geography) > 1
    union all
    -- two grids of the file sharing more than 1 m²: interiors meeting (one DE-9IM matrix;
    -- neighbours only share edges), then the area decides
    select app.import_problem(r.ord, r.code, 'import.grids_overlap', o.code)
    from pg_temp.import_staged_grids r join pg_temp.import_staged_grids o
      on o.geom && r.geom and o.ord < r.ord and ST_Relate(o.geom, r.geom, 'T********')
    where ST_Area(ST_Intersection(o.geom, r.geom, 1e-9)::geography) > 1
    union all
    -- a grid of the file over a grid already stored that the file does not replace
    select app.import_problem(r.ord, r.code, 'import.grids_overlap', g.code)
    from app.import_rows r join public.grids g on g.geom && r.geom and ST_Relate(g.geom, r.geom, 'T********')
    where r.batch = b.id and g.code is distinct from r.code
      and not exists (select 1 from app.import_rows o where o.batch = b.id and o.code = g.code)
      and ST_Area(ST_Intersection(g.geom, r.geom, 1e-9)::geography) > 1
  ) y order by (p ->> 'index')::bigint limit 200) x;
  if problems is not null then
    raise exception 'import_invalid' using errcode = 'check_violation', detail = problems::text;
  end if;
  -- re-drawn grids (重划), reported with the households the database moved to other grids
  perform set_config('app.grids_redrawn', (
    select count(*) from app.import_rows r join public.grids g on g.code = r.code
    where r.batch = b.id and g.geom is distinct from ST_Multi(r.geom))::text, true);
  -- every grid's place in its village was checked above, as the row trigger would check it
  -- again (a query per grid: a third of a city's grid commit)
  perform set_config('app.grids_checked', 'on', true);
  with up as (
    insert into public.grids as t (village_id, code, name, geom)
    select r.target, r.code, coalesce(nullif(r.props ->> 'name', ''), r.code), ST_Multi(r.geom)
    from app.import_rows r where r.batch = b.id
    on conflict (code) do update set village_id = excluded.village_id, name = excluded.name, geom = excluded.geom
    where (t.village_id, t.name, t.geom) is distinct from (excluded.village_id, excluded.name, excluded.geom)
    returning (xmax = 0) as inserted)
  select count(*) filter (where inserted), count(*) filter (where not inserted) into created, updated from up;
  perform set_config('app.grids_checked', 'off', true);
  -- gaps: once the file is in, the villages it touched must be covered by their grids (within
  -- 100 m²); the raise undoes the upsert above. With no overlaps and no grid outside its
  -- village (both refused above), the uncovered area is the village's area less its grids'.
  select jsonb_agg(app.import_problem(f.ord, f.code, 'import.village_gap',
      v.code || ':' || round(gap.m2)::text) order by f.ord)
  into problems
  from (select r.target, min(r.ord) ord from app.import_rows r where r.batch = b.id group by r.target) t
  join app.import_rows f on f.batch = b.id and f.ord = t.ord
  join public.villages v on v.id = t.target
  cross join lateral (
    select ST_Area(v.geom::geography) - sum(ST_Area(g.geom::geography)) m2
    from public.grids g where g.village_id = v.id) gap
  where gap.m2 > 100;
  if problems is not null then
    raise exception 'import_invalid' using errcode = 'check_violation', detail = problems::text;
  end if;
end
$$;
revoke execute on function app.import_commit_grids(app.import_batches) from public, anon, authenticated;

-- Commits a batch of posts: a post's station must exist.
create function app.import_commit_posts(b app.import_batches, out created integer, out updated integer)
language plpgsql volatile set search_path = public, extensions, pg_temp as $$
declare
  problems jsonb;
begin
  created := 0;
  updated := 0;
  select jsonb_agg(app.import_problem(r.ord, r.code, 'import.unknown_station', r.props ->> 'station_code') order by r.ord)
  into problems
  from app.import_rows r where r.batch = b.id
    and not exists (select 1 from public.stations s where s.code = r.props ->> 'station_code');
  if problems is not null then
    raise exception 'import_invalid' using errcode = 'check_violation', detail = problems::text;
  end if;
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
end
$$;
revoke execute on function app.import_commit_posts(app.import_batches) from public, anon, authenticated;

-- Commits a batch of households: each point goes in with its grid and village; a large batch rebuilds the indexes once.
create function app.import_commit_households(b app.import_batches, total integer, out created integer, out updated integer)
language plpgsql volatile set search_path = public, extensions, pg_temp as $$
declare
  problems jsonb;
  rebuild boolean := false;
  index_defs text[];
  index_names text[];
  key_names text[];
  key_defs text[];
  ref_tables text[];
  ref_names text[];
  ref_defs text[];
  fresh boolean;
  k integer;
begin
  created := 0;
  updated := 0;
  -- Each point goes in with its grid and village, so the row trigger need not search again
  -- (app.located). A grid whose claimed points (the preview's finding) it covers all at once
  -- takes them with one test; other points search the grid index (a join, not `order by g.id
  -- limit 1`, which the planner answers by walking the primary key). A point in no grid comes
  -- with no grid and breaks NOT NULL; only then are such points looked for and named.
  perform set_config('app.located', 'on', true);
  -- A batch of a quarter of the table or more goes in faster without the secondary indexes
  -- and foreign keys, which are built and checked again at the end, each in one pass (as a
  -- restore does). Readers of households wait for the commit meanwhile.
  rebuild := total >= 10000 and total * 4 >= (select count(*) from public.households);
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
  create temp table import_claimed_grids (code text primary key, id bigint not null, village_id bigint not null,
    points integer not null) on commit drop;
  insert into pg_temp.import_claimed_grids (code, id, village_id, points)
  select g.code, g.id, g.village_id, ST_NumGeometries(c.points)
  from (select r.grid_code, ST_Collect(r.geom) points from app.import_rows r
        where r.batch = b.id and r.grid_code is not null group by r.grid_code) c
  join public.grids g on g.code = c.grid_code
  where ST_CoveredBy(c.points, g.geom);
  analyze pg_temp.import_claimed_grids;
  -- the rest (usually none: then the million rows are not read again) search the grid index
  if (select coalesce(sum(c.points), 0) from pg_temp.import_claimed_grids c) < total then
    update app.import_rows r set target = m.grid
    from (select x.ord, min(g.id) grid from app.import_rows x join public.grids g on ST_Intersects(g.geom, x.geom)
          where x.batch = b.id
            and not exists (select 1 from pg_temp.import_claimed_grids c where c.code = x.grid_code)
          group by x.ord) m
    where r.batch = b.id and r.ord = m.ord;
  end if;
  -- a batch of new codes only (a first load) goes in as a plain insert: ON CONFLICT makes
  -- every row a speculative insertion, which costs ~10% of the insert
  fresh := not exists (select 1 from app.import_rows r join public.households h on h.code = r.code
                       where r.batch = b.id);
  begin
    if fresh then
      -- A large batch of new codes goes in without the unique indexes too (the primary key
      -- cost a fifth of the insert at city scale): they are built again after it, and a
      -- repeated code fails the code's as it would have failed the insert. The keys of the
      -- tables that point at households go and come back with the primary key; those tables
      -- wait for the commit meanwhile.
      if rebuild then
        select array_agg(c.conrelid::regclass::text), array_agg(c.conname::text), array_agg(pg_get_constraintdef(c.oid))
        into ref_tables, ref_names, ref_defs
        from pg_constraint c where c.confrelid = 'public.households'::regclass and c.contype = 'f';
        for k in 1 .. coalesce(array_length(ref_names, 1), 0) loop
          execute format('alter table %s drop constraint %I', ref_tables[k], ref_names[k]);
        end loop;
        alter table public.households drop constraint households_code_key, drop constraint households_pkey;
      end if;
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
      if rebuild then
        alter table public.households add constraint households_pkey primary key (id),
          add constraint households_code_key unique (code);
        for k in 1 .. coalesce(array_length(ref_names, 1), 0) loop
          execute format('alter table %s add constraint %I %s', ref_tables[k], ref_names[k], ref_defs[k]);
        end loop;
      end if;
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
    select jsonb_agg(app.import_problem(d.ord, d.code, 'import.duplicate_code') order by d.ord) into problems
    from (select x.ord, x.code from (select r.ord, r.code, row_number() over (partition by r.code order by r.ord) n
                                    from app.import_rows r where r.batch = b.id) x
          where x.n > 1 order by x.ord limit 200) d;
    raise exception 'import_invalid' using errcode = 'check_violation', detail = problems::text;
  when not_null_violation then
    select jsonb_agg(app.import_problem(r.ord, r.code, 'import.outside_grids') order by r.ord) into problems
    from (select * from app.import_rows r where r.batch = b.id
            and not exists (select 1 from public.grids g where ST_Intersects(g.geom, r.geom))
          order by r.ord limit 200) r;
    raise exception 'import_invalid' using errcode = 'check_violation', detail = problems::text;
  end;
  for k in 1 .. coalesce(array_length(index_defs, 1), 0) loop
    execute index_defs[k];
  end loop;
  for k in 1 .. coalesce(array_length(key_names, 1), 0) loop
    execute format('alter table public.households add constraint %I %s', key_names[k], key_defs[k]);
  end loop;
  perform set_config('app.located', 'off', true);
end
$$;
revoke execute on function app.import_commit_households(app.import_batches, integer) from public, anon, authenticated;

-- Commits a batch of incidents: each point lies in a grid.
create function app.import_commit_incidents(b app.import_batches, out created integer, out updated integer)
language plpgsql volatile set search_path = public, extensions, pg_temp as $$
declare
  problems jsonb;
begin
  created := 0;
  updated := 0;
  -- as a join (the GiST index per point), not `order by g.id limit 1`, which the planner
  -- answers by walking the primary key and testing grids one by one
  update app.import_rows r set target = m.grid
  from (select x.ord, min(g.id) grid from app.import_rows x join public.grids g on ST_Intersects(g.geom, x.geom)
        where x.batch = b.id group by x.ord) m
  where r.batch = b.id and r.ord = m.ord;
  select jsonb_agg(app.import_problem(r.ord, r.code, 'import.outside_grids') order by r.ord) into problems
  from (select * from app.import_rows r where r.batch = b.id and r.target is null order by r.ord limit 200) r;
  if problems is not null then
    raise exception 'import_invalid' using errcode = 'check_violation', detail = problems::text;
  end if;
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
end
$$;
revoke execute on function app.import_commit_incidents(app.import_batches) from public, anon, authenticated;

-- The commit: checks every feature on its own, then hands the batch to the function of its kind
-- (what the features must relate to, then the upsert), then closes the batch and writes the
-- audit entry. The kinds run inside this function's transaction and privileges: a raise in any
-- of them undoes the whole import. Only this one is callable by admins.
create function app.import_commit(batch uuid) returns json
language plpgsql volatile security definer set search_path = public, extensions, pg_temp as $$
declare
  b app.import_batches;
  total integer;
  problems jsonb;
  created integer;
  updated integer;
  expect text[];
begin
  perform app.require_admin();
  -- set-up work, not news: a thousand imported incidents stay out of the live change log
  perform set_config('app.bulk_load', 'on', true);
  -- counted by the grid commit and the grid triggers (households re-derived)
  perform set_config('app.grids_redrawn', '0', true);
  perform set_config('app.households_moved', '0', true);
  -- the duplicate check sorts every code of the batch; in memory, not in a hundred spill files
  perform set_config('work_mem', '64MB', true);
  -- these statements are bound by rows, not expressions: compiling them took a second
  perform set_config('jit', 'off', true);
  b := app.import_open_batch(batch);
  -- fresh statistics: the batch may have grown from nothing to a million rows since the last
  -- analyze, and the checks below join it (on these columns; the geometry's and properties'
  -- statistics are the dear ones, and no plan needs them)
  analyze app.import_rows (batch, code, grid_code, target);
  select count(*) into total from app.import_rows r where r.batch = b.id;
  if total = 0 then
    raise exception 'import_empty' using errcode = 'check_violation';
  end if;
  expect := case when b.kind in ('villages', 'grids') then array['POLYGON', 'MULTIPOLYGON'] else array['POINT'] end;

  -- 1. each feature on its own: code, geometry present, type, validity, inside China;
  --    then codes repeated within the file. The message is built only for a feature that has
  --    a problem (building it for each of a million rows and throwing it away took seconds).
  --    Households are checked for repeated codes by the insert itself, below.
  select jsonb_agg(app.import_problem(x.ord, x.code, x.problem) order by x.ord) into problems from (
    select u.ord, u.code, u.problem from (
      select y.ord, y.code, y.problem from (
        select r.ord, r.code, case
            when r.code is null then 'import.code_missing'
            when r.geom is null or ST_IsEmpty(r.geom) then 'import.empty'
            when GeometryType(r.geom) <> all (expect) then 'import.wrong_type'
            -- a point of two finite numbers is valid; a million of them need not go through GEOS
            when GeometryType(r.geom) <> 'POINT' and not ST_IsValid(r.geom) then 'import.invalid_geometry'
            when not public.in_china_bounds(r.geom) then 'import.outside_china'
            when b.kind = 'households' and coalesce(r.props ->> 'address', '') = '' then 'import.field_missing'
            when b.kind = 'incidents' and (coalesce(r.props ->> 'category', '') = ''
              or coalesce(r.props ->> 'occurred_at', '') = '') then 'import.field_missing'
          end problem
        from app.import_rows r where r.batch = b.id) y
      where y.problem is not null
      union all
      select d.ord, d.code, 'import.duplicate_code'
      from (select r.ord, r.code, row_number() over (partition by r.code order by r.ord) n
            from app.import_rows r where r.batch = b.id and r.code is not null and b.kind <> 'households') d
      where d.n > 1) u
    -- `+ 0`: sorted by the bare number, the planner walked the primary key through a million
    -- rows expecting most to have a problem; scanning them (in parallel) and sorting the few
    -- found takes 0.4 s instead of 0.67 s at city scale
    order by u.ord + 0 limit 200) x;
  if problems is not null then
    raise exception 'import_invalid' using errcode = 'check_violation', detail = problems::text;
  end if;

  -- 2. what each feature must relate to (only now are the geometries safe for overlays: PGlite
  --    returns no rows instead of an error for an overlay with an invalid shape), then
  -- 3. upsert by code; a row equal to its feature is not touched (re-import changes nothing)
  case b.kind
    when 'villages' then select * into created, updated from app.import_commit_villages(b);
    when 'grids' then select * into created, updated from app.import_commit_grids(b);
    when 'posts' then select * into created, updated from app.import_commit_posts(b);
    when 'households' then select * into created, updated from app.import_commit_households(b, total);
    when 'incidents' then select * into created, updated from app.import_commit_incidents(b);
  end case;

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
    'created', created, 'updated', updated, 'unchanged', total - created - updated,
    'redrawn', current_setting('app.grids_redrawn')::integer,
    'households_moved', current_setting('app.households_moved')::integer));
  return json_build_object('kind', b.kind, 'total', total, 'created', created, 'updated', updated,
    'unchanged', total - created - updated, 'redrawn', current_setting('app.grids_redrawn')::integer,
    'households_moved', current_setting('app.households_moved')::integer);
end
$$;
comment on function app.import_commit(batch uuid) is
  'lint 0029, deliberate: security definer and executable by authenticated, because it is the app''s RPC for this; it checks the caller''s claims (role, station, admin) itself before it reads or writes.';

-- What a file must fit, for the preview's checks in the browser: village outlines and stored
-- grids (grids, households, incidents) meeting `bbox` (west, south, east, north; the file's box,
-- padded by the preview), station and township codes (villages, posts). Without a box, every
-- outline: a province's grids are 35 MB of JSON for a file of one township.
create function app.import_reference(kind text, bbox double precision[] default null) returns json
language plpgsql stable security definer set search_path = public, extensions, pg_temp as $$
declare
  box geometry := case when bbox is not null then ST_MakeEnvelope(bbox[1], bbox[2], bbox[3], bbox[4], 4326) end;
begin
  perform app.require_admin();
  if bbox is not null and (cardinality(bbox) <> 4 or bbox[1] > bbox[3] or bbox[2] > bbox[4]) then
    raise exception 'invalid_bbox' using errcode = 'invalid_parameter_value';
  end if;
  return json_build_object(
    'villages', case when kind in ('grids', 'posts', 'villages') then (
      select coalesce(json_agg(json_build_object('code', v.code, 'geometry', ST_AsGeoJSON(v.geom, 9)::json)), '[]')
      from public.villages v where box is null or v.geom && box) end,
    'grids', case when kind in ('grids', 'households', 'incidents') then (
      select coalesce(json_agg(json_build_object('code', g.code, 'village_code', v.code,
        'geometry', ST_AsGeoJSON(g.geom, 9)::json)), '[]')
      from public.grids g join public.villages v on v.id = g.village_id
      where box is null or g.geom && box) end,
    'stations', (select coalesce(json_agg(s.code), '[]') from public.stations s),
    'townships', (select coalesce(json_agg(t.code), '[]') from public.townships t));
end
$$;
comment on function app.import_reference(kind text, bbox double precision[]) is
  'lint 0029, deliberate: security definer and executable by authenticated, because it is the app''s RPC for this; it checks the caller''s claims (role, station, admin) itself before it reads or writes.';
revoke execute on function app.import_reference(text, double precision[]) from public, anon;
grant execute on function app.import_reference(text, double precision[]) to authenticated;
create function public.import_reference(kind text, bbox double precision[] default null) returns json
language sql stable set search_path = public, extensions, pg_temp as $$ select app.import_reference(kind, bbox) $$;
revoke execute on function public.import_reference(text, double precision[]) from public, anon;
grant execute on function public.import_reference(text, double precision[]) to authenticated;

revoke execute on function app.import_begin(text, text), app.import_commit(uuid) from public, anon;
grant execute on function app.import_begin(text, text), app.import_commit(uuid) to authenticated;

-- The exposed RPC names (security invoker wrappers: PostgREST exposes `public` only).
create function public.import_begin(kind text, file_name text default '') returns json
language sql volatile set search_path = public, extensions, pg_temp as $$ select app.import_begin(kind, file_name) $$;
create function public.import_commit(batch uuid) returns json
language sql volatile set search_path = public, extensions, pg_temp as $$ select app.import_commit(batch) $$;
revoke execute on function public.import_begin(text, text), public.import_commit(uuid) from public, anon;
grant execute on function public.import_begin(text, text), public.import_commit(uuid) to authenticated;
