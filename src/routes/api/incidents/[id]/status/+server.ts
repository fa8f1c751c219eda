import { error } from '@sveltejs/kit';
import { dataPort } from '$lib/server/db';
import { dataErrorResponse, jsonBody, jsonText } from '$lib/server/respond';
import { INCIDENT_STATUSES, MEDIATION_STATUSES } from '$lib/types/domain';
import type { RequestHandler } from './$types';

// Move an incident on one step; `expected` is the status the caller saw.
export const POST: RequestHandler = async ({ params, request, locals }) => {
	const id = Number(params.id);
	if (!Number.isSafeInteger(id) || id <= 0) error(400, 'invalid_id');
	const { status, expected, mediation } = await jsonBody(request);
	const isStatus = (v: unknown): v is string =>
		typeof v === 'string' && (INCIDENT_STATUSES as readonly string[]).includes(v);
	if (!isStatus(status) || !isStatus(expected)) error(400, 'invalid_incident_status');
	if (
		mediation != null &&
		!(typeof mediation === 'string' && (MEDIATION_STATUSES as readonly string[]).includes(mediation))
	) {
		error(400, 'dispute_outcome_required');
	}
	try {
		const db = await dataPort();
		return jsonText(
			await db.callJson(
				'set_incident_status',
				{
					incident_id: id,
					status,
					expected_status: expected,
					mediation_status: (mediation as string | null) ?? null
				},
				locals.claims
			)
		);
	} catch (e) {
		return dataErrorResponse(e);
	}
};
