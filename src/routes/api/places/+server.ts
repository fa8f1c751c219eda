import { dataPort } from '$lib/server/db';
import { dataErrorResponse, jsonText } from '$lib/server/respond';
import type { RequestHandler } from './$types';

// Villages by name and households by address, for typing a place instead of clicking it.
export const GET: RequestHandler = async ({ url, locals }) => {
	const query = (url.searchParams.get('q') ?? '').slice(0, 60);
	try {
		return jsonText(await (await dataPort()).callJson('find_places', { query }, locals.claims));
	} catch (e) {
		return dataErrorResponse(e);
	}
};
