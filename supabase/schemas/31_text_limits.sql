-- Every text a person can type has a length limit, held by the database on every path (the UI,
-- the import, plain SQL): a 2-million-character campaign name would otherwise be stored and sent
-- to every user. The constraint's name is the message key the UI translates, so each kind of
-- field has one name and one limit wherever it appears.

alter table public.counties
  add constraint code_too_long check (char_length(code) <= 64),
  add constraint name_too_long check (char_length(name) <= 100);
alter table public.townships
  add constraint code_too_long check (char_length(code) <= 64),
  add constraint name_too_long check (char_length(name) <= 100);
alter table public.stations
  add constraint code_too_long check (char_length(code) <= 64),
  add constraint name_too_long check (char_length(name) <= 100);
alter table public.villages
  add constraint code_too_long check (char_length(code) <= 64),
  add constraint name_too_long check (char_length(name) <= 100);
alter table public.grids
  add constraint code_too_long check (char_length(code) <= 64),
  add constraint name_too_long check (char_length(name) <= 100);
alter table public.posts
  add constraint code_too_long check (char_length(code) <= 64),
  add constraint name_too_long check (char_length(name) <= 100);
alter table public.officers
  add constraint badge_too_long check (char_length(badge) <= 32),
  add constraint name_too_long check (char_length(name) <= 100),
  add constraint phone_too_long check (char_length(phone) <= 32);
alter table public.households
  add constraint code_too_long check (char_length(code) <= 64),
  add constraint address_too_long check (char_length(address) <= 200),
  add constraint person_name_too_long check (char_length(head_name) <= 100),
  add constraint phone_too_long check (char_length(phone) <= 32),
  add constraint id_number_too_long check (char_length(id_number) <= 32);
alter table public.incidents
  add constraint code_too_long check (char_length(code) <= 64),
  add constraint summary_too_long check (char_length(summary) <= 2000);
alter table public.campaigns
  add constraint name_too_long check (char_length(name) <= 100),
  add constraint topics_too_many check (cardinality(topics) <= 16);
alter table public.campaign_blocks
  add constraint name_too_long check (char_length(name) <= 100);
alter table public.campaign_teams
  add constraint name_too_long check (char_length(name) <= 100);
alter table public.campaign_team_members
  add constraint person_name_too_long check (char_length(name) <= 100);
alter table public.campaign_visits
  add constraint topics_too_many check (cardinality(topics) <= 16);
alter table public.key_units
  add constraint name_too_long check (char_length(name) <= 100);
alter table app.accounts
  add constraint email_too_long check (char_length(email) <= 254),
  add constraint display_name_too_long check (char_length(display_name) <= 100),
  add constraint password_hash_too_long check (char_length(password_hash) <= 512);
alter table app.import_batches
  add constraint file_name_too_long check (char_length(file_name) <= 255);
alter table app.user_settings
  add constraint url_too_long check (char_length(basemap_url) <= 2000);
alter table app.import_rows
  add constraint code_too_long check (char_length(code) <= 64),
  add constraint grid_code_too_long check (char_length(grid_code) <= 64);
