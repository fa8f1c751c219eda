// Follow-up knock lists: the open ones the caller can see, and spawning one from a fraud or
// dispute incident (same building or nearest N households, for the grid's officer, with a deadline).
import { parseBody } from '$lib/server/body';
import { rpcResponse } from '$lib/server/respond';
import { NewKnockList } from '$lib/server/request-schemas';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) => rpcResponse('knock_lists_open', {}, locals.claims);

export const POST: RequestHandler = async ({ request, locals }) =>
	rpcResponse('spawn_knock_list', await parseBody(request, NewKnockList), locals.claims, { status: 201 });
