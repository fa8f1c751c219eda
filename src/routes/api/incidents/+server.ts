import { parseBody } from '$lib/server/body';
import { rpcResponse } from '$lib/server/respond';
import { NewIncident } from '$lib/server/request-schemas';
import type { RequestHandler } from './$types';

// Record an incident at a WGS84 point (the form converts GCJ-02 before sending).
export const POST: RequestHandler = async ({ request, locals }) =>
	rpcResponse('record_incident', await parseBody(request, NewIncident), locals.claims);
