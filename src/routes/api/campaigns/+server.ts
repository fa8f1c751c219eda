// The campaigns the caller can see, and planning a new one (the database checks who may plan
// where, splits the scope into blocks and stores the teams in one transaction).
import { json } from '@sveltejs/kit';
import { dataPort } from '$lib/server/db';
import { dataErrorResponse, jsonBody, jsonText } from '$lib/server/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
	try {
		return jsonText(await (await dataPort()).callJson('list_campaigns', {}, locals.claims));
	} catch (e) {
		return dataErrorResponse(e);
	}
};

export const POST: RequestHandler = async ({ request, locals }) => {
	const plan = await jsonBody(request);
	try {
		return json(
			await (await dataPort()).call('create_campaign', { plan: JSON.stringify(plan) }, locals.claims),
			{
				status: 201
			}
		);
	} catch (e) {
		return dataErrorResponse(e);
	}
};
