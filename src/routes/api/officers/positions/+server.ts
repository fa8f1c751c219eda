import { error } from '@sveltejs/kit';
import { dataPort } from '$lib/server/db';
import { dataErrorResponse, jsonBody, jsonText } from '$lib/server/respond';
import type { RequestHandler } from './$types';

const MAX_POSITIONS = 5000;

const numbers = (value: unknown): value is number[] =>
	Array.isArray(value) &&
	value.length <= MAX_POSITIONS &&
	value.every((n) => typeof n === 'number' && Number.isFinite(n));

// Where officers are now: { ids, lons, lats } (an officer their own, the gateway many).
export const POST: RequestHandler = async ({ request, locals }) => {
	const { ids, lons, lats } = await jsonBody(request);
	if (!numbers(ids) || !numbers(lons) || !numbers(lats)) error(400, 'invalid_positions');
	try {
		const db = await dataPort();
		return jsonText(await db.callJson('report_positions', { officer_ids: ids, lons, lats }, locals.claims));
	} catch (e) {
		return dataErrorResponse(e);
	}
};
