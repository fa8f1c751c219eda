import { getLayers } from '$lib/api/map-api';
import type { PageLoad } from './$types';

// The villages and grids the planner may see (row-level security decides), to pick the scope.
export const load: PageLoad = ({ fetch }) => ({ places: getLayers(fetch, ['villages', 'grids'] as const) });
