// Commits a grid draft in one transaction: refused whole (409 grid_conflict) when a grid of its
// villages changed since the draft began, and for anyone but admins and the station's head.
import { parseBody } from '$lib/server/body';
import { GRID_DRAFT_BODY_LIMIT, GridDraftCommit } from '$lib/server/request-schemas';
import { rpcResponse } from '$lib/server/respond';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, locals }) => {
	const { edits, versions } = await parseBody(request, GridDraftCommit, GRID_DRAFT_BODY_LIMIT);
	return rpcResponse(
		'commit_grid_edits',
		{ edits: JSON.stringify(edits), versions: JSON.stringify(versions) },
		locals.claims
	);
};
