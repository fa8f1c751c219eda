// The incidents a campaign's visits opened, with their knock lists.
import { dataPort } from '$lib/server/db';
import { dataErrorResponse, jsonText, positiveId } from '$lib/server/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, locals }) => {
	const campaign_id = positiveId(Number(params.id));
	try {
		return jsonText(await (await dataPort()).callJson('campaign_incidents', { campaign_id }, locals.claims));
	} catch (e) {
		return dataErrorResponse(e);
	}
};
