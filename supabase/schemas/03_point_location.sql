-- Points (households, posts, incidents, key units) take their grid and village from where they
-- are, never from what a client claims: a trigger derives them from the location.

-- The grid containing a point; null when it lies in no grid. Lowest id wins on a shared edge so
-- the answer is deterministic.
create function public.grid_at(p geometry) returns bigint
language sql stable parallel safe set search_path = public, extensions, pg_temp as $$
  select g.id from public.grids g where ST_Intersects(g.geom, p) order by g.id limit 1
$$;

-- The village containing a point, for points that may fall outside every grid (posts).
create function public.village_at(p geometry) returns bigint
language sql stable parallel safe set search_path = public, extensions, pg_temp as $$
  select v.id from public.villages v where ST_Intersects(v.geom, p) order by v.id limit 1
$$;

-- Keeps a claimed grid when it really contains the point (one polygon test, which makes bulk
-- loads fast), otherwise searches the index.
create function public.resolve_grid(p geometry, claimed bigint) returns bigint
language sql stable parallel safe set search_path = public, extensions, pg_temp as $$
  select coalesce(
    (select g.id from public.grids g where g.id = claimed and ST_Intersects(g.geom, p)),
    public.grid_at(p)
  )
$$;
