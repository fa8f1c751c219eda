// Visits from the field (a phone's queue: good rows stored, bad ones returned with a reason;
// keys already stored count as duplicates) or from a bulk import (all_or_nothing: one bad row
// refuses the whole file with a row-by-row report).
import { parseBody } from '$lib/server/body';
import { positiveId, rpcResponse } from '$lib/server/respond';
import { VISITS_BODY_LIMIT, Visits } from '$lib/server/request-schemas';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ params, request, locals }) => {
	const campaign_id = positiveId(Number(params.id));
	const { visits, all_or_nothing } = await parseBody(request, Visits, VISITS_BODY_LIMIT);
	return rpcResponse(
		'record_visits',
		{ campaign_id, visits: JSON.stringify(visits), all_or_nothing },
		locals.claims
	);
};
