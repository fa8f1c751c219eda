import { rpcResponse } from '$lib/server/respond';
import type { RequestHandler } from './$types';

// Villages by name and households by address, for typing a place instead of clicking it.
export const GET: RequestHandler = ({ url, locals }) =>
	rpcResponse('find_places', { query: (url.searchParams.get('q') ?? '').slice(0, 60) }, locals.claims);
