-- The station head's grid list sorts by incidents: each grid in the map layer carries its
-- incidents of the last 30 days (what the village layer already has per village).
create or replace function public.layer_grids() returns json
language sql stable as $$
  with stats as (select * from public.grid_stats()),
  incidents as (
    select i.grid_id, count(*) as n from public.incidents i
    where i.occurred_at >= now() - interval '30 days' group by i.grid_id
  ),
  primary_officer as (
    select a.grid_id, o.id as officer_id, o.name, o.kind
    from public.grid_assignments a join public.officers o on o.id = a.officer_id
    where a.role = 'primary' and upper_inf(a.during)
  )
  select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(f order by id), '[]'::json))
  from (
    select g.id, json_build_object('type', 'Feature', 'id', g.id,
      'properties', json_build_object(
        'id', g.id, 'name', g.name, 'code', g.code, 'village_id', g.village_id,
        'officer_id', po.officer_id, 'officer', po.name,
        'households', s.households, 'incidents_30d', coalesce(i.n, 0),
        'campaign_share', case when s.in_campaign and s.households > 0
                               then round(s.visited::numeric / s.households, 3) end),
      'geometry', ST_AsGeoJSON(g.geom, 5)::json) as f
    from public.grids g
    join stats s on s.grid_id = g.id
    left join primary_officer po on po.grid_id = g.id
    left join incidents i on i.grid_id = g.id
  ) x
$$;
