// What the coverage-gap engine reads (public.coverage_input()), for the planner's view to analyse
// in the browser. Row-level security decides what the caller gets: a station head sees only
// their station's villages, planners and the command room the whole jurisdiction.
import { rpcResponse } from '$lib/server/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) => rpcResponse('coverage_input', {}, locals.claims);
