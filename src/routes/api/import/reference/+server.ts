// What an import file must fit (village outlines, stored grids, station and township codes),
// for the preview's checks in the browser; the outlines within `bbox` (the file's box) when
// given. Admins only (the database checks).
import { error } from '@sveltejs/kit';
import { IMPORT_KINDS } from '$lib/import/kinds';
import { bboxParam } from '$lib/server/bbox-param';
import { rpcResponse } from '$lib/server/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, locals }) => {
	const kind = url.searchParams.get('kind');
	if (kind === null || !(IMPORT_KINDS as readonly string[]).includes(kind)) error(400, 'invalid_kind');
	return rpcResponse(
		'import_reference',
		{ kind, bbox: bboxParam(url.searchParams.get('bbox')) },
		locals.claims
	);
};
