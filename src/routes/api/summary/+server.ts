import { dataPort } from '$lib/server/db';
import { dataErrorResponse, jsonText } from '$lib/server/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
	try {
		return jsonText(await (await dataPort()).callJson('map_summary', {}, locals.claims));
	} catch (e) {
		return dataErrorResponse(e);
	}
};
