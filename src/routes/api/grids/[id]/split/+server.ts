// Split a grid along a line (the editor's 拆分). The database checks who may, the line and the
// version the caller saw (a 409 when someone changed the grid meanwhile), and re-derives what
// hangs on the grid in the same transaction.
import { parseBody } from '$lib/server/body';
import { positiveId, rpcResponse } from '$lib/server/respond';
import { SplitGrid } from '$lib/server/request-schemas';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ params, request, locals }) => {
	const grid_id = positiveId(Number(params.id));
	const { line, expected_version, name } = await parseBody(request, SplitGrid);
	return rpcResponse(
		'split_grid',
		{ grid_id, line: JSON.stringify(line), expected_version, new_name: name },
		locals.claims
	);
};
