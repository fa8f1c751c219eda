import { parseBody } from '$lib/server/body';
import { positiveId, rpcResponse } from '$lib/server/respond';
import { StatusChange } from '$lib/server/request-schemas';
import type { RequestHandler } from './$types';

// Move an incident on one step; `expected` is the status the caller saw.
export const POST: RequestHandler = async ({ params, request, locals }) => {
	const incident_id = positiveId(Number(params.id));
	const { status, expected, mediation } = await parseBody(request, StatusChange);
	return rpcResponse(
		'set_incident_status',
		{ incident_id, status, expected_status: expected, mediation_status: mediation },
		locals.claims
	);
};
