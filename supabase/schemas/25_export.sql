-- Exporting a layer (or a selection of it) with the fields the importer reads, so an exported
-- file imports back unchanged. Security invoker: row-level security decides which rows the
-- caller gets, and residents' personal data comes through household_people(), masked for the
-- roles that may not see it, exactly as in the side panel. Full coordinate precision (15
-- decimals) so geometry survives the round trip.

-- `ids` picks rows of the layer; `village_id` / `grid_id` narrow it to what lies in one
-- village or grid (the side panel's selection).
create function public.export_layer(kind text, ids bigint[] default null, village_id bigint default null,
  grid_id bigint default null) returns json
language plpgsql stable set search_path = public, extensions, pg_temp as $$
declare
  in_village bigint := export_layer.village_id;
  in_grid bigint := export_layer.grid_id;
begin
  if kind = 'villages' then
    return (select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
      'type', 'Feature', 'geometry', ST_AsGeoJSON(v.geom, 15)::json,
      'properties', json_build_object('code', v.code, 'name', v.name, 'township_code', t.code,
        'station_code', s.code, 'kind', v.kind, 'population', v.population)) order by v.code), '[]'))
      from public.villages v join public.townships t on t.id = v.township_id join public.stations s on s.id = v.station_id
      where (ids is null or v.id = any(ids)) and (in_village is null or v.id = in_village));
  elsif kind = 'grids' then
    return (select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
      'type', 'Feature', 'geometry', ST_AsGeoJSON(g.geom, 15)::json,
      'properties', json_build_object('code', g.code, 'name', g.name, 'village_code', v.code)) order by g.code), '[]'))
      from public.grids g join public.villages v on v.id = g.village_id
      where (ids is null or g.id = any(ids)) and (in_village is null or g.village_id = in_village)
        and (in_grid is null or g.id = in_grid));
  elsif kind = 'posts' then
    return (select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
      'type', 'Feature', 'geometry', ST_AsGeoJSON(p.geom, 15)::json,
      'properties', json_build_object('code', p.code, 'name', p.name, 'station_code', s.code, 'kind', p.kind))
      order by p.code), '[]'))
      from public.posts p join public.stations s on s.id = p.station_id
      where (ids is null or p.id = any(ids)) and (in_village is null or p.village_id = in_village));
  elsif kind = 'households' then
    return (
      with h as (
        select h.id, h.grid_id, h.code, h.address, h.residents, h.elderly_alone, h.past_fraud_victim, h.rental, h.geom
        from public.households h where (ids is null or h.id = any(ids))
          and (in_village is null or h.village_id = in_village) and (in_grid is null or h.grid_id = in_grid)),
      people as (
        select * from public.household_people((select coalesce(array_agg(h.id), '{}') from h)))
      select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
        'type', 'Feature', 'geometry', ST_AsGeoJSON(h.geom, 15)::json,
        'properties', json_build_object('code', h.code, 'address', h.address, 'head_name', p.head_name,
          'phone', p.phone, 'id_number', p.id_number, 'residents', h.residents, 'elderly_alone', h.elderly_alone,
          'past_fraud_victim', h.past_fraud_victim, 'rental', h.rental, 'grid_code', g.code))
        order by h.code), '[]'))
      from h join public.grids g on g.id = h.grid_id left join people p on p.id = h.id);
  elsif kind = 'incidents' then
    return (select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
      'type', 'Feature', 'geometry', ST_AsGeoJSON(i.geom, 15)::json,
      'properties', json_build_object('code', i.code, 'category', i.category, 'status', i.status,
        'priority', i.priority, 'summary', i.summary, 'occurred_at', i.occurred_at,
        'mediation_status', i.mediation_status)) order by i.code), '[]'))
      from public.incidents i where (ids is null or i.id = any(ids))
        and (in_village is null or i.village_id = in_village) and (in_grid is null or i.grid_id = in_grid));
  end if;
  raise exception 'export_unknown_layer' using errcode = 'invalid_parameter_value';
end
$$;
revoke execute on function public.export_layer(text, bigint[], bigint, bigint) from public, anon;
grant execute on function public.export_layer(text, bigint[], bigint, bigint) to authenticated;
