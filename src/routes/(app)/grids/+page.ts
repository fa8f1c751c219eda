import { getLayers } from '$lib/api/map-api';
import type { PageLoad } from './$types';

// The villages and grids the user may see (row-level security decides); a head edits their
// station's, a planner drafts in what they can read.
export const load: PageLoad = ({ fetch }) => ({ places: getLayers(fetch, ['villages', 'grids'] as const) });
