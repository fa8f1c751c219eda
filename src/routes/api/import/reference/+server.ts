// What an import file must fit (village outlines, stored grids, station and township codes),
// for the preview's checks in the browser. Admins only (the database checks).
import { error } from '@sveltejs/kit';
import { IMPORT_KINDS } from '$lib/import/kinds';
import { rpcResponse } from '$lib/server/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, locals }) => {
	const kind = url.searchParams.get('kind');
	if (kind === null || !(IMPORT_KINDS as readonly string[]).includes(kind)) error(400, 'invalid_kind');
	return rpcResponse('import_reference', { kind }, locals.claims);
};
