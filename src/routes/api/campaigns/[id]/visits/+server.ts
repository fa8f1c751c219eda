// Visits from the field (a phone's queue: good rows stored, bad ones returned with a reason;
// keys already stored count as duplicates) or from a bulk import (all_or_nothing: one bad row
// refuses the whole file with a row-by-row report).
import { error, json } from '@sveltejs/kit';
import { dataPort } from '$lib/server/db';
import { dataErrorResponse, jsonBody, positiveId } from '$lib/server/respond';
import type { RequestHandler } from './$types';

/** A phone's queue is flushed in pieces; an import file larger than this is split by the client. */
const MAX_VISITS = 5000;

export const POST: RequestHandler = async ({ params, request, locals }) => {
	const campaign_id = positiveId(Number(params.id));
	const body = await jsonBody(request);
	if (!Array.isArray(body.visits) || body.visits.length > MAX_VISITS) error(400, 'invalid_visits');
	try {
		const result = await (
			await dataPort()
		).call(
			'record_visits',
			{ campaign_id, visits: JSON.stringify(body.visits), all_or_nothing: body.all_or_nothing === true },
			locals.claims
		);
		return json(result);
	} catch (e) {
		return dataErrorResponse(e);
	}
};
