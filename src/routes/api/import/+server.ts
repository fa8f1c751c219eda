// Starts an import batch (admins; the database checks). The browser parses and pre-validates
// the file in a Web Worker, then sends the normalised features in chunks to [batch] and
// commits with [batch]/commit, which applies everything in one transaction.
import { error, json } from '@sveltejs/kit';
import { IMPORT_KINDS, type ImportKind } from '$lib/import/kinds';
import { dataPort } from '$lib/server/db';
import { dataErrorResponse, jsonBody } from '$lib/server/respond';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, locals }) => {
	const body = await jsonBody(request);
	if (!(IMPORT_KINDS as readonly unknown[]).includes(body.kind)) error(400, 'invalid_kind');
	const file_name = typeof body.file_name === 'string' ? body.file_name.slice(0, 200) : '';
	try {
		return json(
			await (
				await dataPort()
			).call('import_begin', { kind: body.kind as ImportKind, file_name }, locals.claims),
			{ status: 201 }
		);
	} catch (e) {
		return dataErrorResponse(e);
	}
};
