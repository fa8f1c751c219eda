-- Officer positions (警力位置). A device reports where an officer is; the live map moves them.
-- An officer reports their own position; the positioning gateway (an admin account) reports
-- for many at once. Position changes reach open maps through the live change log.

create function public.report_positions(officer_ids bigint[], lons double precision[],
                                        lats double precision[])
returns json
language plpgsql volatile security definer set search_path = public, extensions, pg_temp as $$
declare
  n integer := coalesce(array_length(officer_ids, 1), 0);
  moved integer;
begin
  if n <> coalesce(array_length(lons, 1), 0) or n <> coalesce(array_length(lats, 1), 0) then
    raise exception 'invalid_positions' using errcode = 'check_violation';
  end if;
  if app.claim_role() = 'officer' then
    if n <> 1 or officer_ids[1] is distinct from app.claim_officer() then
      raise exception 'position_not_allowed' using errcode = 'insufficient_privilege';
    end if;
  elsif app.claim_role() <> 'admin' then
    raise exception 'position_not_allowed' using errcode = 'insufficient_privilege';
  end if;
  if exists (select 1 from unnest(lons, lats) as p(lon, lat)
             where lon is null or lat is null or lon = 'NaN'::float8 or lat = 'NaN'::float8
                or not public.in_china_bounds(ST_SetSRID(ST_MakePoint(lon, lat), 4326))) then
    raise exception 'position_outside_china' using errcode = 'check_violation';
  end if;
  update public.officers o
  set geom = ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326), position_at = clock_timestamp()
  from unnest(officer_ids, lons, lats) as p(id, lon, lat)
  where o.id = p.id and o.status = 'active';
  get diagnostics moved = row_count;
  return json_build_object('moved', moved);
end
$$;
comment on function public.report_positions(officer_ids bigint[], lons double precision[], lats double precision[]) is
  'lint 0029, deliberate: security definer and executable by authenticated, because it is the app''s RPC for this; it checks the caller''s claims (role, station, admin) itself before it reads or writes.';
revoke execute on function public.report_positions(bigint[], double precision[], double precision[]) from public, anon;
grant execute on function public.report_positions(bigint[], double precision[], double precision[]) to authenticated;
