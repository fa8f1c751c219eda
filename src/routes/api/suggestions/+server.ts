// "Suggest for unassigned grids" and accepting the reviewed list in one step.
import { error, json } from '@sveltejs/kit';
import {
	DEFAULT_HOUSEHOLD_LIMIT,
	suggestAssignments,
	type Candidate,
	type OpenGrid
} from '$lib/features/assignments/suggest';
import { dataPort } from '$lib/server/db';
import { dataErrorResponse, jsonBody, positiveId } from '$lib/server/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, locals }) => {
	const limit = Number(url.searchParams.get('limit') ?? DEFAULT_HOUSEHOLD_LIMIT);
	if (!Number.isFinite(limit) || limit <= 0) error(400, 'invalid_limit');
	try {
		const db = await dataPort();
		const [grids, officers] = await Promise.all([
			db.call<OpenGrid[]>('unassigned_grids', {}, locals.claims),
			db.call<Candidate[]>('officer_workload', {}, locals.claims)
		]);
		return json({ limit, suggestions: suggestAssignments(grids, officers, limit) });
	} catch (e) {
		return dataErrorResponse(e);
	}
};

export const POST: RequestHandler = async ({ request, locals }) => {
	const body = await jsonBody(request);
	if (!Array.isArray(body.pairs) || body.pairs.length === 0) error(400, 'invalid_suggestions');
	const pairs = body.pairs as { grid_id?: unknown; officer_id?: unknown }[];
	const grid_ids = pairs.map((p) => positiveId(p?.grid_id, 'invalid_suggestions'));
	const officer_ids = pairs.map((p) => positiveId(p?.officer_id, 'invalid_suggestions'));
	if (new Set(grid_ids).size !== grid_ids.length) error(400, 'invalid_suggestions');
	try {
		return json(await (await dataPort()).call('assign_officers', { grid_ids, officer_ids }, locals.claims));
	} catch (e) {
		return dataErrorResponse(e);
	}
};
