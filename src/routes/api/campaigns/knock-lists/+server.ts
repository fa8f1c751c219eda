// Follow-up knock lists: the open ones the caller can see, and spawning one from a fraud or
// dispute incident (same building or nearest N households, for the grid's officer, with a deadline).
import { error, json } from '@sveltejs/kit';
import { dataPort } from '$lib/server/db';
import { dataErrorResponse, jsonBody, jsonText, positiveId } from '$lib/server/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
	try {
		return jsonText(await (await dataPort()).callJson('knock_lists_open', {}, locals.claims));
	} catch (e) {
		return dataErrorResponse(e);
	}
};

export const POST: RequestHandler = async ({ request, locals }) => {
	const body = await jsonBody(request);
	const incident_id = positiveId(body.incident_id, 'invalid_id');
	const n = body.n === undefined ? 10 : positiveId(body.n, 'knock_list_size_invalid');
	const due_on =
		typeof body.due_on === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(body.due_on) ? body.due_on : null;
	if (due_on === null) error(400, 'knock_list_due_invalid');
	try {
		return json(
			await (
				await dataPort()
			).call(
				'spawn_knock_list',
				{ incident_id, n, due_on, same_building: body.same_building !== false },
				locals.claims
			),
			{ status: 201 }
		);
	} catch (e) {
		return dataErrorResponse(e);
	}
};
