-- Admins manage the local accounts (embedded and self-hosted modes; with Supabase, accounts live
-- in Supabase Auth). Security definer because nobody reads app.accounts directly; each function
-- checks the caller is an admin, never returns password hashes, and writes the audit log.
-- Passwords are hashed by the server (scrypt) before they reach the database.

create function app.require_admin() returns void
language plpgsql stable security definer set search_path = '' as $$
begin
  if app.claim_role() <> 'admin' then
    raise exception 'admin_only' using errcode = 'insufficient_privilege';
  end if;
end
$$;
revoke execute on function app.require_admin() from public, anon, authenticated;

create function app.list_accounts() returns json
language plpgsql stable security definer set search_path = '' as $$
begin
  perform app.require_admin();
  return (select coalesce(json_agg(json_build_object(
      'id', a.id, 'email', a.email, 'display_name', a.display_name, 'app_role', a.app_role,
      'station_id', a.station_id, 'station', s.name, 'county_id', a.county_id,
      'officer_id', a.officer_id, 'disabled', a.disabled, 'demo', a.demo, 'created_at', a.created_at)
    order by a.disabled, a.app_role, a.email), '[]'::json)
  from app.accounts a left join public.stations s on s.id = a.station_id);
end
$$;
comment on function app.list_accounts() is
  'lint 0029, deliberate: security definer and executable by authenticated, because it is the app''s RPC for this; it checks the caller''s claims (role, station, admin) itself before it reads or writes.';

create function app.create_account(email text, display_name text, app_role text, station_id bigint,
  county_id bigint, officer_id bigint, password_hash text) returns json
language plpgsql volatile security definer set search_path = '' as $$
declare
  created app.accounts;
begin
  perform app.require_admin();
  if exists (select 1 from app.accounts a where a.email = lower(trim(create_account.email))) then
    raise exception 'account_exists' using errcode = 'unique_violation';
  end if;
  insert into app.accounts (email, display_name, password_hash, app_role, station_id, county_id, officer_id)
  values (lower(trim(email)), trim(display_name), password_hash, app_role, station_id, county_id, officer_id)
  returning * into created;
  perform app.append_audit('create_account', 'accounts', null, null,
    jsonb_build_object('id', created.id, 'email', created.email, 'app_role', created.app_role,
                       'station_id', created.station_id));
  return json_build_object('id', created.id);
end
$$;
comment on function app.create_account(email text, display_name text, app_role text, station_id bigint, county_id bigint, officer_id bigint, password_hash text) is
  'lint 0029, deliberate: security definer and executable by authenticated, because it is the app''s RPC for this; it checks the caller''s claims (role, station, admin) itself before it reads or writes.';

-- Disable or enable an account, or set a new password; null leaves that part unchanged.
create function app.update_account(account_id uuid, disabled boolean, password_hash text) returns json
language plpgsql volatile security definer set search_path = '' as $$
declare
  old app.accounts;
begin
  perform app.require_admin();
  select * into old from app.accounts a where a.id = account_id for update;
  if old.id is null then
    raise exception 'account_not_found' using errcode = 'no_data_found';
  end if;
  if disabled and account_id = auth.uid() then
    -- the last way back in must not be closed by accident
    raise exception 'cannot_disable_self' using errcode = 'check_violation';
  end if;
  update app.accounts a set
    disabled = coalesce(update_account.disabled, a.disabled),
    password_hash = coalesce(update_account.password_hash, a.password_hash)
  where a.id = account_id;
  perform app.append_audit('update_account', 'accounts', null,
    jsonb_build_object('id', old.id, 'disabled', old.disabled),
    jsonb_build_object('id', old.id, 'disabled', coalesce(disabled, old.disabled),
                       'password_changed', password_hash is not null));
  return json_build_object('id', account_id);
end
$$;
comment on function app.update_account(account_id uuid, disabled boolean, password_hash text) is
  'lint 0029, deliberate: security definer and executable by authenticated, because it is the app''s RPC for this; it checks the caller''s claims (role, station, admin) itself before it reads or writes.';

revoke execute on function app.list_accounts(), app.create_account(text, text, text, bigint, bigint, bigint, text),
  app.update_account(uuid, boolean, text) from public, anon;
grant execute on function app.list_accounts(), app.create_account(text, text, text, bigint, bigint, bigint, text),
  app.update_account(uuid, boolean, text) to authenticated;

-- The exposed RPC names (security invoker wrappers: PostgREST exposes `public` only).
create function public.list_accounts() returns json
language sql stable set search_path = public, extensions, pg_temp as $$ select app.list_accounts() $$;
create function public.create_account(email text, display_name text, app_role text, station_id bigint default null,
  county_id bigint default null, officer_id bigint default null, password_hash text default null) returns json
language sql volatile set search_path = public, extensions, pg_temp as $$
  select app.create_account(email, display_name, app_role, station_id, county_id, officer_id, password_hash)
$$;
create function public.update_account(account_id uuid, disabled boolean default null, password_hash text default null)
returns json
language sql volatile set search_path = public, extensions, pg_temp as $$ select app.update_account(account_id, disabled, password_hash) $$;
revoke execute on function public.list_accounts(), public.create_account(text, text, text, bigint, bigint, bigint, text),
  public.update_account(uuid, boolean, text) from public, anon;
grant execute on function public.list_accounts(), public.create_account(text, text, text, bigint, bigint, bigint, text),
  public.update_account(uuid, boolean, text) to authenticated;
