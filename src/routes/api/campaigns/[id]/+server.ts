// A campaign's progress (totals, outcomes, blocks, teams, days, visits to check), and withdrawing it.
import { error, json } from '@sveltejs/kit';
import { dataPort } from '$lib/server/db';
import { dataErrorResponse, jsonText, positiveId } from '$lib/server/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, locals }) => {
	const campaign_id = positiveId(Number(params.id));
	try {
		const text = await (await dataPort()).callJson('campaign_progress', { campaign_id }, locals.claims);
		if (text === 'null') error(404, 'campaign_not_found');
		return jsonText(text);
	} catch (e) {
		return dataErrorResponse(e);
	}
};

export const DELETE: RequestHandler = async ({ params, locals }) => {
	const campaign_id = positiveId(Number(params.id));
	try {
		return json(await (await dataPort()).call('delete_campaign', { campaign_id }, locals.claims));
	} catch (e) {
		return dataErrorResponse(e);
	}
};
