import { rpcResponse } from '$lib/server/respond';
import type { RequestHandler } from './$types';

// The map's headline figures, as far as the caller may see.
export const GET: RequestHandler = ({ locals }) => rpcResponse('map_summary', {}, locals.claims);
