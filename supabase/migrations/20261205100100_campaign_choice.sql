-- Which campaign the figures follow. It was the newest one running, so a head's small test
-- campaign replaced the county's 敲门行动 on every page for every user. Now: the campaign the
-- user chose, while it runs; else the largest running campaign of the user's jurisdiction
-- (the most grids in all, among those with a grid the user can see).
-- The choice is kept per user, like the basemap, so every page and every transport follows it
-- without passing it along.

create table app.campaign_choices (
  user_id uuid primary key default auth.uid(),
  campaign_id bigint not null references public.campaigns (id) on delete cascade,
  chosen_at timestamptz not null default now()
);
create index campaign_choices_campaign_idx on app.campaign_choices (campaign_id);

alter table app.campaign_choices enable row level security;
grant select, insert, update, delete on app.campaign_choices to authenticated;
create policy "users can read their own campaign choice" on app.campaign_choices
  for select to authenticated using (user_id = (select auth.uid()));
create policy "users can make their own campaign choice" on app.campaign_choices
  for insert to authenticated with check (user_id = (select auth.uid()));
create policy "users can change their own campaign choice" on app.campaign_choices
  for update to authenticated using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "users can drop their own campaign choice" on app.campaign_choices
  for delete to authenticated using (user_id = (select auth.uid()));

-- How big each running campaign is in all, whoever asks: "largest" must not depend on how much
-- of it the caller can see, or a head whose township a small campaign covers whole would see
-- it outrank the county's. Counts only; security definer so row-level security does not cut
-- them down. Days are China's days, whatever the server's time zone.
create function app.running_campaign_sizes() returns table (campaign_id bigint, total_grids bigint)
language sql stable security definer set search_path = '' as $$
  select c.id, count(bg.grid_id)
  from public.campaigns c join public.campaign_block_grids bg on bg.campaign_id = c.id
  where (now() at time zone 'Asia/Shanghai')::date between c.starts_on and c.ends_on
  group by c.id
$$;
revoke execute on function app.running_campaign_sizes() from public, anon;
grant execute on function app.running_campaign_sizes() to authenticated;

-- Running campaigns that reach the caller's jurisdiction (at least one grid the caller can
-- see, as row-level security decides), largest in all first, with what the caller sees of them.
create function public.running_campaigns() returns table (
  id bigint, name text, starts_on date, ends_on date, station_id bigint, grids bigint, households bigint,
  total_grids bigint)
language sql stable set search_path = '' as $$
  select c.id, c.name, c.starts_on, c.ends_on, c.station_id, count(bg.grid_id) as grids,
         coalesce(sum(hc.households), 0)::bigint as households, sz.total_grids
  from app.running_campaign_sizes() sz
  join public.campaigns c on c.id = sz.campaign_id
  join public.campaign_block_grids bg on bg.campaign_id = c.id
  left join public.grid_household_counts hc on hc.grid_id = bg.grid_id
  group by c.id, sz.total_grids
  order by sz.total_grids desc, c.id
$$;

create or replace function public.current_campaign_id() returns bigint
language sql stable set search_path = '' as $$
  with running as (select r.id, r.total_grids from public.running_campaigns() r)
  select coalesce(
    (select ch.campaign_id from app.campaign_choices ch join running r on r.id = ch.campaign_id
     where ch.user_id = auth.uid()),
    (select r.id from running r order by r.total_grids desc, r.id limit 1))
$$;

-- The campaigns a user can switch between, and the one the figures follow now.
create function public.campaign_choice() returns json
language sql stable set search_path = '' as $$
  select json_build_object(
    'current', public.current_campaign_id(),
    'chosen', (select ch.campaign_id from app.campaign_choices ch where ch.user_id = auth.uid()),
    'running', coalesce((select json_agg(json_build_object('id', r.id, 'name', r.name, 'starts_on', r.starts_on,
        'ends_on', r.ends_on, 'station_id', r.station_id, 'grids', r.grids, 'households', r.households,
        'total_grids', r.total_grids))
      from public.running_campaigns() r), '[]'::json))
$$;

-- Follow this campaign (null: back to the default). Only a running campaign the caller can see.
create function public.choose_campaign(campaign_id bigint) returns json
language plpgsql volatile set search_path = '' as $$
begin
  if auth.uid() is null then
    raise exception 'sign_in_required' using errcode = 'insufficient_privilege';
  end if;
  if campaign_id is null then
    delete from app.campaign_choices ch where ch.user_id = auth.uid();
  elsif not exists (select 1 from public.running_campaigns() r where r.id = choose_campaign.campaign_id) then
    raise exception 'campaign_not_running' using errcode = 'check_violation';
  else
    insert into app.campaign_choices as ch (user_id, campaign_id) values (auth.uid(), choose_campaign.campaign_id)
    on conflict (user_id) do update set campaign_id = excluded.campaign_id, chosen_at = now();
  end if;
  return public.campaign_choice();
end
$$;

revoke execute on function public.running_campaigns(), public.campaign_choice(), public.choose_campaign(bigint)
  from public, anon;
grant execute on function public.running_campaigns(), public.campaign_choice(), public.choose_campaign(bigint)
  to authenticated;
