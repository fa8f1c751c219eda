import { rpcResponse } from '$lib/server/respond';
import type { RequestHandler } from './$types';

// Every active officer the caller may see, with their load (grids, households, open incidents).
export const GET: RequestHandler = ({ locals }) => rpcResponse('officer_workload', {}, locals.claims);
