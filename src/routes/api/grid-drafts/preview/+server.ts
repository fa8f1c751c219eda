// What a grid draft would do, written nowhere: the database applies the edits in a
// subtransaction with every rule checked, reads each grid's figures before and after, and rolls
// back. Admins, station heads (their station) and planners (what they can read).
import { parseBody } from '$lib/server/body';
import { GRID_DRAFT_BODY_LIMIT, GridDraft } from '$lib/server/request-schemas';
import { rpcResponse } from '$lib/server/respond';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, locals }) => {
	const { edits } = await parseBody(request, GridDraft, GRID_DRAFT_BODY_LIMIT);
	return rpcResponse('preview_grid_edits', { edits: JSON.stringify(edits) }, locals.claims);
};
