// The caller's own basemap: read, choose (checked here, then by the database), or reset to the
// station default. Row-level security keeps each user to their own row.
import { error, json } from '@sveltejs/kit';
import { readEnv } from '$lib/config/env';
import { basemapProblem } from '$lib/map/basemap-setting';
import { dataPort } from '$lib/server/db';
import { dataErrorResponse, jsonBody } from '$lib/server/respond';
import { ownBasemap } from '$lib/server/user-settings';
import type { RequestHandler } from './$types';

const answer = async (claims: App.Locals['claims']) =>
	json({ basemap: await ownBasemap(claims), stationDefault: readEnv().basemapStyleUrl });

export const GET: RequestHandler = async ({ locals }) => {
	try {
		return await answer(locals.claims);
	} catch (e) {
		return dataErrorResponse(e);
	}
};

export const POST: RequestHandler = async ({ request, locals }) => {
	const body = await jsonBody(request);
	const url = typeof body.url === 'string' ? body.url.trim() : null;
	const problem = basemapProblem(body.kind, url);
	if (problem) error(400, problem);
	try {
		await (await dataPort()).call('save_basemap', { kind: body.kind as string, url }, locals.claims);
		return await answer(locals.claims);
	} catch (e) {
		return dataErrorResponse(e);
	}
};

export const DELETE: RequestHandler = async ({ locals }) => {
	try {
		await (await dataPort()).call('reset_basemap', {}, locals.claims);
		return await answer(locals.claims);
	} catch (e) {
		return dataErrorResponse(e);
	}
};
