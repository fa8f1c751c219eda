-- The tiles' layer versions move once per transaction, at commit (issue 18's review): the
-- statement triggers of 20261210000000_map_tiles.sql held the version row from the first write
-- until commit, so a long import held every other grid edit, and a transaction writing villages
-- then grids could deadlock with one writing the other way; they also bumped for statements that
-- changed nothing. The definitions are supabase/schemas/34_map_tiles.sql.

set local search_path = "$user", public, extensions;

drop trigger villages_layer_versions on public.villages;
drop trigger grids_layer_versions on public.grids;
drop trigger villages_layer_versions_truncated on public.villages;
drop trigger grids_layer_versions_truncated on public.grids;

-- Security definer: a station head's edit bumps a table they may not write. A constraint trigger
-- runs per row, at commit: the first row of the transaction bumps, the others find it done.
create or replace function app.bump_layer_versions() returns trigger
language plpgsql security definer set search_path = public, extensions, pg_temp as $$
begin
  if current_setting('app.layer_versions_bumped', true) is distinct from txid_current()::text then
    perform set_config('app.layer_versions_bumped', txid_current()::text, true);
    update app.layer_versions set version = version + 1;
  end if;
  return null;
end
$$;
revoke execute on function app.bump_layer_versions() from public, anon, authenticated;

create constraint trigger villages_layer_versions after insert or update or delete on public.villages
deferrable initially deferred for each row execute function app.bump_layer_versions();
create constraint trigger grids_layer_versions after insert or update or delete on public.grids
deferrable initially deferred for each row execute function app.bump_layer_versions();
-- a truncate has no rows to defer with: it bumps at once
create trigger villages_layer_versions_truncated after truncate on public.villages
for each statement execute function app.bump_layer_versions();
create trigger grids_layer_versions_truncated after truncate on public.grids
for each statement execute function app.bump_layer_versions();
