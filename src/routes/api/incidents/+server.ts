import { error } from '@sveltejs/kit';
import { dataPort } from '$lib/server/db';
import { dataErrorResponse, jsonBody, jsonText } from '$lib/server/respond';
import { INCIDENT_CATEGORIES } from '$lib/types/domain';
import type { RequestHandler } from './$types';

// Record an incident at a WGS84 point (the form converts GCJ-02 before sending).
export const POST: RequestHandler = async ({ request, locals }) => {
	const body = await jsonBody(request);
	const { category, priority, summary, lon, lat } = body;
	if (typeof category !== 'string' || !(INCIDENT_CATEGORIES as readonly string[]).includes(category)) {
		error(400, 'incident_category_required');
	}
	if (priority !== 1 && priority !== 2 && priority !== 3) error(400, 'incident_priority_required');
	if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
		error(400, 'incident_location_required');
	}
	const text = typeof summary === 'string' ? summary.trim().slice(0, 500) : '';
	try {
		const db = await dataPort();
		return jsonText(
			await db.callJson('record_incident', { category, priority, summary: text, lon, lat }, locals.claims)
		);
	} catch (e) {
		return dataErrorResponse(e);
	}
};
