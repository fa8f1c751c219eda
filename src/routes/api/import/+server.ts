// Starts an import batch (admins; the database checks). The browser parses and pre-validates
// the file in a Web Worker, then sends the normalised features in chunks to [batch] and
// commits with [batch]/commit, which applies everything in one transaction.
import { parseBody } from '$lib/server/body';
import { rpcResponse } from '$lib/server/respond';
import { NewBatch } from '$lib/server/request-schemas';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, locals }) =>
	rpcResponse('import_begin', await parseBody(request, NewBatch), locals.claims, { status: 201 });
