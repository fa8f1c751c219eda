-- PostGIS for geometry; btree_gist so an exclusion constraint can combine `grid_id =` with a
-- time-range overlap (one active primary officer per grid, history kept).
-- Both live in the `extensions` schema as on Supabase: in `public` they would be exposed through
-- the API (PostGIS's spatial_ref_sys table has no row-level security). Names resolve through
-- the search_path "$user", public, extensions — Supabase's; set here for the database on the
-- engines that lack it, and for this session so the rest of the schema resolves them too.
create schema if not exists extensions;
grant usage on schema extensions to anon, authenticated, service_role;
do $search_path$
begin
  if current_setting('search_path') !~ '\mextensions\M' then
    execute format('alter database %I set search_path = "$user", public, extensions', current_database());
  end if;
end
$search_path$;
select pg_catalog.set_config('search_path', '"$user", public, extensions', false);
create extension if not exists postgis schema extensions;
create extension if not exists btree_gist schema extensions;
-- PostGIS's st_estimatedextent is security definer (it reads table statistics); nothing here
-- calls it, so no API role may.
revoke execute on function extensions.st_estimatedextent(text, text),
  extensions.st_estimatedextent(text, text, text),
  extensions.st_estimatedextent(text, text, text, boolean) from public, anon, authenticated;

-- Every function of the project pins its own search_path, so a caller's cannot steer it
-- (Supabase lint 0011): `public, extensions, pg_temp`, pg_temp last so that a caller's temp
-- tables and functions never stand in for ours, or '' with every name qualified.

-- The app's own schema: functions and tables the API does not expose (config.toml exposes
-- `public` only).
create schema if not exists app;
grant usage on schema app to anon, authenticated, service_role;
