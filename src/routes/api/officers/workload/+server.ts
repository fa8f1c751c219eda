import { dataPort } from '$lib/server/db';
import { dataErrorResponse, jsonText } from '$lib/server/respond';
import type { RequestHandler } from './$types';

// Every active officer the caller may see, with their load (grids, households, open incidents).
export const GET: RequestHandler = async ({ locals }) => {
	try {
		return jsonText(await (await dataPort()).callJson('officer_workload', {}, locals.claims));
	} catch (e) {
		return dataErrorResponse(e);
	}
};
