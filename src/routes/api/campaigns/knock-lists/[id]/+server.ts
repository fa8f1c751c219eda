// Ticking a door of a knock list off with its outcome.
import { json } from '@sveltejs/kit';
import { dataPort } from '$lib/server/db';
import { dataErrorResponse, jsonBody, positiveId } from '$lib/server/respond';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ params, request, locals }) => {
	const list_id = positiveId(Number(params.id));
	const body = await jsonBody(request);
	const household_id = positiveId(body.household_id, 'household_not_found');
	const outcome = typeof body.outcome === 'string' ? body.outcome : 'visited';
	try {
		return json(
			await (await dataPort()).call('record_knock', { list_id, household_id, outcome }, locals.claims)
		);
	} catch (e) {
		return dataErrorResponse(e);
	}
};
