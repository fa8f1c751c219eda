// "Suggest for unassigned grids" and accepting the reviewed list in one step.
import { error, json } from '@sveltejs/kit';
import {
	DEFAULT_HOUSEHOLD_LIMIT,
	suggestAssignments,
	type Candidate,
	type OpenGrid
} from '$lib/features/assignments/suggest';
import { parseBody } from '$lib/server/body';
import { dataPort } from '$lib/server/db';
import { answering, rpcResponse } from '$lib/server/respond';
import { Pairs } from '$lib/server/request-schemas';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, locals }) => {
	const limit = Number(url.searchParams.get('limit') ?? DEFAULT_HOUSEHOLD_LIMIT);
	if (!Number.isFinite(limit) || limit <= 0) error(400, 'invalid_limit');
	return answering(async () => {
		const db = await dataPort();
		const [grids, officers] = await Promise.all([
			db.call<OpenGrid[]>('unassigned_grids', {}, locals.claims),
			db.call<Candidate[]>('officer_workload', {}, locals.claims)
		]);
		return json({ limit, suggestions: suggestAssignments(grids, officers, limit) });
	});
};

export const POST: RequestHandler = async ({ request, locals }) => {
	const { pairs } = await parseBody(request, Pairs);
	return rpcResponse(
		'assign_officers',
		{ grid_ids: pairs.map((p) => p.grid_id), officer_ids: pairs.map((p) => p.officer_id) },
		locals.claims
	);
};
