// The caller's own basemap: read, choose (checked here, then by the database), or reset to the
// station default. Row-level security keeps each user to their own row.
import { json } from '@sveltejs/kit';
import { readEnv } from '$lib/config/env';
import { parseBody } from '$lib/server/body';
import { dataPort } from '$lib/server/db';
import { answering } from '$lib/server/respond';
import { ownBasemap } from '$lib/server/user-settings';
import { Choice } from '$lib/server/request-schemas';
import type { RequestHandler } from './$types';

const answer = async (claims: App.Locals['claims']) =>
	json({ basemap: await ownBasemap(claims), stationDefault: readEnv().basemapStyleUrl });

export const GET: RequestHandler = ({ locals }) => answering(() => answer(locals.claims));

export const POST: RequestHandler = async ({ request, locals }) => {
	const { kind, url } = await parseBody(request, Choice);
	return answering(async () => {
		await (await dataPort()).call('save_basemap', { kind, url }, locals.claims);
		return answer(locals.claims);
	});
};

export const DELETE: RequestHandler = ({ locals }) =>
	answering(async () => {
		await (await dataPort()).call('reset_basemap', {}, locals.claims);
		return answer(locals.claims);
	});
