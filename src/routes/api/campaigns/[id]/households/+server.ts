// The households of some blocks with their campaign state, for the field page.
import { error } from '@sveltejs/kit';
import { positiveId, rpcResponse } from '$lib/server/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, url, locals }) => {
	const campaign_id = positiveId(Number(params.id));
	const block_ids = (url.searchParams.get('blocks') ?? '')
		.split(',')
		.filter(Boolean)
		.map((s) => positiveId(Number(s), 'invalid_blocks'));
	if (block_ids.length === 0) error(400, 'invalid_blocks');
	return rpcResponse('campaign_block_households', { campaign_id, block_ids }, locals.claims);
};
