// What the coverage-gap engine reads (public.coverage_input()), for the planner's view to analyse
// in the browser. Row-level security decides what the caller gets: a station head sees only
// their station's villages, planners and the command room the whole jurisdiction.
// `?counties=1,2` narrows it to those counties' villages (one city of a province).
import { error } from '@sveltejs/kit';
import { rpcResponse } from '$lib/server/respond';
import type { RequestHandler } from './$types';

function countyIds(value: string | null): number[] | null {
	if (value === null) return null;
	const ids = value.split(',').map(Number);
	if (ids.length === 0 || ids.length > 200 || ids.some((id) => !Number.isSafeInteger(id) || id <= 0))
		error(400, 'invalid_counties');
	return ids;
}

export const GET: RequestHandler = ({ url, locals }) =>
	rpcResponse('coverage_input', { county_ids: countyIds(url.searchParams.get('counties')) }, locals.claims);
