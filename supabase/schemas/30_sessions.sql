-- Sessions of the local accounts (embedded and self-hosted modes; with Supabase, Supabase Auth
-- keeps its own). The signed cookie names a row here, and every request reads that row with the
-- account's current claims, so signing out, disabling an account or resetting its password ends
-- its sessions at once, on every app server that shares the database. The cost is one primary-key
-- lookup per request.
--
-- Sign-in failures are counted here too, per account and per address, so a guesser is slowed
-- down whichever server they reach.

create table app.sessions (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references app.accounts (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_account_idx on app.sessions (account_id);
alter table app.sessions enable row level security;
create policy "nobody reads sessions directly" on app.sessions for select to authenticated using (false);
revoke all on app.sessions from public, anon, authenticated;

-- A new session for an account that may sign in; the account's expired sessions are swept here,
-- so the table holds about one row per signed-in device.
create function app.session_start(account_id uuid, hours integer) returns uuid
language plpgsql volatile security definer set search_path = '' as $$
declare
  created uuid;
begin
  if hours is null or hours < 1 or hours > 24 * 30 then
    raise exception 'session_hours_invalid' using errcode = 'check_violation';
  end if;
  delete from app.sessions s where s.account_id = session_start.account_id and s.expires_at <= now();
  insert into app.sessions (account_id, expires_at)
  select a.id, now() + make_interval(hours => hours) from app.accounts a
  where a.id = session_start.account_id and not a.disabled
  returning id into created;
  if created is null then
    raise exception 'account_disabled' using errcode = 'insufficient_privilege';
  end if;
  return created;
end
$$;

-- The account a live session acts as, with its claims as they are now; nothing for a session
-- that ended, expired, or whose account was disabled.
create function app.session_account(session_id uuid)
returns table (id uuid, display_name text, app_role text, station_id bigint, county_id bigint,
               officer_id bigint, expires_at timestamptz)
language sql stable security definer set search_path = '' as $$
  select a.id, a.display_name, a.app_role, a.station_id, a.county_id, a.officer_id, s.expires_at
  from app.sessions s join app.accounts a on a.id = s.account_id
  where s.id = session_id and s.expires_at > now() and not a.disabled
$$;

create function app.session_end(session_id uuid) returns void
language sql volatile security definer set search_path = '' as $$
  delete from app.sessions s where s.id = session_id
$$;

-- Disabling an account or changing its password (the admin page, or plain SQL) ends every session
-- it has. A rehash on sign-in (same password, stronger parameters) is not a change of password.
create function app.accounts_end_sessions() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if (new.disabled and not old.disabled)
     or (new.password_hash is distinct from old.password_hash
         and coalesce(current_setting('app.password_rehash', true), '') <> 'on') then
    delete from app.sessions s where s.account_id = new.id;
  end if;
  return new;
end
$$;
revoke execute on function app.accounts_end_sessions() from public, anon, authenticated;
create trigger accounts_end_sessions after update of disabled, password_hash on app.accounts
for each row execute function app.accounts_end_sessions();

-- The same password stored with today's scrypt parameters; only if the stored hash is still the
-- one the server checked (a reset meanwhile wins).
create function app.password_rehash(account_id uuid, old_hash text, new_hash text) returns void
language plpgsql volatile security definer set search_path = '' as $$
begin
  perform set_config('app.password_rehash', 'on', true);
  update app.accounts a set password_hash = new_hash
  where a.id = password_rehash.account_id and a.password_hash = old_hash;
  perform set_config('app.password_rehash', 'off', true);
end
$$;

-- Failed sign-ins per key ('account:<email>' or 'address:<ip>'). Below a key's threshold nothing
-- waits; past it each failure doubles the wait, up to a minute, so a guesser gets a few tries a
-- minute while the real user is never kept out for longer than that. A quiet quarter of an hour
-- forgets the count.
create table app.sign_in_failures (
  key text primary key check (char_length(key) <= 400),
  failures integer not null check (failures > 0),
  last_failure_at timestamptz not null
);
alter table app.sign_in_failures enable row level security;
create policy "nobody reads sign-in failures directly" on app.sign_in_failures for select to authenticated using (false);
revoke all on app.sign_in_failures from public, anon, authenticated;

create function app.sign_in_wait_seconds(key text, failures integer, last_failure_at timestamptz)
returns integer
language sql stable set search_path = '' as $$
  select case
    when last_failure_at < now() - interval '15 minutes' then 0
    else greatest(0, ceil(extract(epoch from
      last_failure_at
      + make_interval(secs => least(60, power(2, failures - case when key like 'address:%' then 20 else 5 end)))
      * (failures >= case when key like 'address:%' then 20 else 5 end)::integer
      - now())))::integer
  end
$$;

-- Seconds to wait before the next try for any of these keys (0: go ahead).
create function app.sign_in_wait(keys text[]) returns integer
language sql stable security definer set search_path = '' as $$
  select coalesce(max(app.sign_in_wait_seconds(f.key, f.failures, f.last_failure_at)), 0)
  from app.sign_in_failures f where f.key = any(keys)
$$;

create function app.sign_in_failed(keys text[]) returns void
language sql volatile security definer set search_path = '' as $$
  insert into app.sign_in_failures as f (key, failures, last_failure_at)
  select k, 1, now() from unnest(keys) k
  on conflict (key) do update set
    failures = case when f.last_failure_at < now() - interval '15 minutes' then 1 else f.failures + 1 end,
    last_failure_at = now()
$$;

-- A right password clears its account's count (the address's fades on its own: others share it).
create function app.sign_in_succeeded(key text) returns void
language sql volatile security definer set search_path = '' as $$
  delete from app.sign_in_failures f where f.key = sign_in_succeeded.key
$$;

revoke execute on function app.session_start(uuid, integer), app.session_account(uuid), app.session_end(uuid),
  app.password_rehash(uuid, text, text), app.sign_in_wait_seconds(text, integer, timestamptz),
  app.sign_in_wait(text[]), app.sign_in_failed(text[]), app.sign_in_succeeded(text) from public, anon, authenticated;
grant execute on function app.session_start(uuid, integer), app.session_account(uuid), app.session_end(uuid),
  app.password_rehash(uuid, text, text), app.sign_in_wait_seconds(text, integer, timestamptz),
  app.sign_in_wait(text[]), app.sign_in_failed(text[]), app.sign_in_succeeded(text) to service_role;

-- The RPC names the server calls as service_role (PostgREST exposes `public` only).
create function public.session_start(account_id uuid, hours integer) returns json
language sql volatile set search_path = public, extensions, pg_temp as $$
  select json_build_object('id', app.session_start(account_id, hours))
$$;
create function public.session_account(session_id uuid) returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  select row_to_json(a) from app.session_account(session_id) a
$$;
create function public.session_end(session_id uuid) returns json
language sql volatile set search_path = public, extensions, pg_temp as $$
  select app.session_end(session_id); select json_build_object('ended', true)
$$;
create function public.password_rehash(account_id uuid, old_hash text, new_hash text) returns json
language sql volatile set search_path = public, extensions, pg_temp as $$
  select app.password_rehash(account_id, old_hash, new_hash); select json_build_object('ok', true)
$$;
create function public.sign_in_wait(keys text[]) returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  select json_build_object('seconds', app.sign_in_wait(keys))
$$;
create function public.sign_in_failed(keys text[]) returns json
language sql volatile set search_path = public, extensions, pg_temp as $$
  select app.sign_in_failed(keys); select json_build_object('ok', true)
$$;
create function public.sign_in_succeeded(key text) returns json
language sql volatile set search_path = public, extensions, pg_temp as $$
  select app.sign_in_succeeded(key); select json_build_object('ok', true)
$$;
revoke execute on function public.session_start(uuid, integer), public.session_account(uuid),
  public.session_end(uuid), public.password_rehash(uuid, text, text), public.sign_in_wait(text[]),
  public.sign_in_failed(text[]), public.sign_in_succeeded(text) from public, anon, authenticated;
grant execute on function public.session_start(uuid, integer), public.session_account(uuid),
  public.session_end(uuid), public.password_rehash(uuid, text, text), public.sign_in_wait(text[]),
  public.sign_in_failed(text[]), public.sign_in_succeeded(text) to service_role;
