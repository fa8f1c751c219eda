// What an import file must fit (village outlines, stored grids, station and township codes),
// for the preview's checks in the browser. Admins only (the database checks).
import { error } from '@sveltejs/kit';
import { IMPORT_KINDS } from '$lib/import/kinds';
import { dataPort } from '$lib/server/db';
import { dataErrorResponse, jsonText } from '$lib/server/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, locals }) => {
	const kind = url.searchParams.get('kind');
	if (!(IMPORT_KINDS as readonly (string | null)[]).includes(kind)) error(400, 'invalid_kind');
	try {
		return jsonText(
			await (await dataPort()).callJson('import_reference', { kind: kind as string }, locals.claims)
		);
	} catch (e) {
		return dataErrorResponse(e);
	}
};
