-- PostGIS for geometry; btree_gist so an exclusion constraint can combine `grid_id =` with a
-- time-range overlap (one active primary officer per grid, history kept).
create extension if not exists postgis;
create extension if not exists btree_gist;
