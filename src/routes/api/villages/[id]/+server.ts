import { error } from '@sveltejs/kit';
import { dataPort } from '$lib/server/db';
import { dataErrorResponse, jsonText } from '$lib/server/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, locals }) => {
	const id = Number(params.id);
	if (!Number.isSafeInteger(id) || id <= 0) error(400, 'invalid_id');
	try {
		const text = await (await dataPort()).callJson('village_facts', { village_id: id }, locals.claims);
		if (text === 'null') error(404, 'village_not_found');
		return jsonText(text);
	} catch (e) {
		return dataErrorResponse(e);
	}
};
