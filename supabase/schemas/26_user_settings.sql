-- Per-user settings, starting with the basemap each user draws under the data. No row = the
-- station-wide default (BASEMAP_STYLE_URL, else the built-in offline style). Keyed by auth.uid()
-- so local accounts and Supabase users are the same; row-level security lets each user see and
-- change only their own row, and the functions run as the caller (security invoker), so the
-- policies decide. A personal display preference changes no rule, so it is not audited.

create table app.user_settings (
  user_id uuid primary key default auth.uid(),
  -- offline: the built-in style even when the station has a default; style: a MapLibre style
  -- JSON; pmtiles: a PMTiles archive; xyz_gcj02: a raster tile template in GCJ-02 (the data
  -- are shifted on the fly to line up with it)
  basemap_kind text not null check (basemap_kind in ('offline', 'style', 'pmtiles', 'xyz_gcj02')),
  basemap_url text,
  updated_at timestamptz not null default now(),
  constraint user_settings_url_fits_kind check (
    case basemap_kind
      when 'offline' then basemap_url is null
      else basemap_url is not null and length(basemap_url) <= 2000
        and basemap_url ~ '^(https?://[^\s/]+|/[^/\s])[^\s]*$'
    end),
  constraint user_settings_template_has_xyz check (
    basemap_kind <> 'xyz_gcj02' or (
      strpos(basemap_url, '{z}') > 0 and strpos(basemap_url, '{x}') > 0
      and (strpos(basemap_url, '{y}') > 0 or strpos(basemap_url, '{-y}') > 0)))
);

alter table app.user_settings enable row level security;
grant select, insert, update, delete on app.user_settings to authenticated;

create policy "users can read their own settings" on app.user_settings
  for select to authenticated using (user_id = (select auth.uid()));
create policy "users can create their own settings" on app.user_settings
  for insert to authenticated with check (user_id = (select auth.uid()));
create policy "users can change their own settings" on app.user_settings
  for update to authenticated using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "users can remove their own settings" on app.user_settings
  for delete to authenticated using (user_id = (select auth.uid()));

-- The caller's settings; basemap null = the station default.
create function public.my_settings() returns json
language sql stable set search_path = '' as $$
  select json_build_object('basemap', (
    select json_build_object('kind', s.basemap_kind, 'url', s.basemap_url, 'updated_at', s.updated_at)
    from app.user_settings s where s.user_id = auth.uid()))
$$;

-- Choose a basemap; the checks name what is wrong so the form can say it.
create function public.save_basemap(kind text, url text default null) returns json
language plpgsql volatile set search_path = '' as $$
begin
  if auth.uid() is null then
    raise exception 'sign_in_required' using errcode = 'insufficient_privilege';
  end if;
  if kind is null or kind not in ('offline', 'style', 'pmtiles', 'xyz_gcj02') then
    raise exception 'basemap_kind_invalid' using errcode = 'check_violation';
  end if;
  if kind = 'offline' then
    url := null;
  elsif url is null or length(url) > 2000 or url !~ '^(https?://[^\s/]+|/[^/\s])[^\s]*$' then
    raise exception 'basemap_url_invalid' using errcode = 'check_violation';
  elsif kind = 'xyz_gcj02' and not (strpos(url, '{z}') > 0 and strpos(url, '{x}') > 0
      and (strpos(url, '{y}') > 0 or strpos(url, '{-y}') > 0)) then
    raise exception 'basemap_template_invalid' using errcode = 'check_violation';
  end if;
  insert into app.user_settings as s (user_id, basemap_kind, basemap_url)
  values (auth.uid(), kind, url)
  on conflict (user_id) do update
    set basemap_kind = excluded.basemap_kind, basemap_url = excluded.basemap_url, updated_at = now();
  return public.my_settings();
end
$$;

-- Back to the station default.
create function public.reset_basemap() returns json
language sql volatile set search_path = '' as $$
  delete from app.user_settings s where s.user_id = auth.uid();
  select public.my_settings();
$$;

revoke execute on function public.my_settings(), public.save_basemap(text, text), public.reset_basemap()
  from public, anon;
grant execute on function public.my_settings(), public.save_basemap(text, text), public.reset_basemap()
  to authenticated;
