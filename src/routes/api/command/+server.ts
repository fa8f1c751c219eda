import { dataPort } from '$lib/server/db';
import { dataErrorResponse, jsonText } from '$lib/server/respond';
import type { RequestHandler } from './$types';

// The command room's figures, dispute register, newest incidents and station areas.
export const GET: RequestHandler = async ({ locals }) => {
	try {
		return jsonText(await (await dataPort()).callJson('command_room', {}, locals.claims));
	} catch (e) {
		return dataErrorResponse(e);
	}
};
