-- Accounts for the embedded and self-hosted modes, where there is no Supabase Auth. They carry
-- the same claims shape (app_role, station_id, county_id, officer_id), so the same policies
-- apply. Passwords are stored as scrypt hashes made by the server. With Supabase this table
-- stays empty: accounts live in auth.users with the claims in raw_app_meta_data.

create table app.accounts (
  id uuid primary key default gen_random_uuid(),
  email text not null unique check (email = lower(email) and position('@' in email) > 1),
  display_name text not null,
  password_hash text not null,
  app_role text not null check (app_role in ('command', 'station_head', 'planner', 'officer', 'admin')),
  station_id bigint references public.stations (id),
  county_id bigint references public.counties (id),
  officer_id bigint references public.officers (id),
  disabled boolean not null default false,
  -- demo accounts are listed on the sign-in page (password in the README); never in production
  demo boolean not null default false,
  created_at timestamptz not null default now(),
  constraint accounts_station_roles_have_station
    check (app_role not in ('station_head', 'officer') or station_id is not null),
  constraint accounts_officer_role_has_officer check (app_role <> 'officer' or officer_id is not null)
);
-- every foreign key leads an index (Supabase lint 0001): deleting or re-keying a parent row
-- then finds its children without scanning the child table
create index accounts_station_idx on app.accounts (station_id);
create index accounts_county_idx on app.accounts (county_id);
create index accounts_officer_idx on app.accounts (officer_id);
alter table app.accounts enable row level security;
-- only the server (as service_role, through the functions below) reads accounts; the policy
-- says so explicitly (no grant lets a client reach the table either)
create policy "nobody reads accounts directly" on app.accounts for select to authenticated using (false);
revoke all on app.accounts from public, anon, authenticated;

-- What the server needs to check a password and build the session's claims.
create function app.account_for_sign_in(login text)
returns table (id uuid, display_name text, password_hash text, app_role text, station_id bigint,
               county_id bigint, officer_id bigint, disabled boolean)
language sql stable security definer set search_path = '' as $$
  select a.id, a.display_name, a.password_hash, a.app_role, a.station_id, a.county_id, a.officer_id, a.disabled
  from app.accounts a where a.email = lower(trim(login))
$$;
revoke execute on function app.account_for_sign_in(text) from public, anon, authenticated;
grant execute on function app.account_for_sign_in(text) to service_role;

create function public.account_for_sign_in(login text) returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  select row_to_json(a) from app.account_for_sign_in(login) a
$$;
revoke execute on function public.account_for_sign_in(text) from public, anon, authenticated;
grant execute on function public.account_for_sign_in(text) to service_role;

-- The sign-in page lists the demo accounts (and only those) so a newcomer can try every role.
create function app.demo_accounts() returns table (email text, display_name text, app_role text)
language sql stable security definer set search_path = '' as $$
  select a.email, a.display_name, a.app_role from app.accounts a
  where a.demo and not a.disabled order by a.app_role, a.email
$$;
revoke execute on function app.demo_accounts() from public, anon, authenticated;
grant execute on function app.demo_accounts() to service_role;

create function public.demo_accounts() returns json
language sql stable set search_path = public, extensions, pg_temp as $$
  select coalesce(json_agg(row_to_json(a)), '[]'::json) from app.demo_accounts() a
$$;
revoke execute on function public.demo_accounts() from public, anon, authenticated;
grant execute on function public.demo_accounts() to service_role;
