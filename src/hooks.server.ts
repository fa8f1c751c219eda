import type { Handle, HandleServerError } from '@sveltejs/kit';
import { dataPort } from '$lib/server/db';
import { gzipJson } from '$lib/server/compression';
import { claimsFor } from '$lib/server/session';

// Open (and migrate) the database when the server starts, not on the first click.
const ready = dataPort();

export const handle: Handle = async ({ event, resolve }) => {
	await ready;
	event.locals.claims = claimsFor();
	const response = await resolve(event);
	return gzipJson(event.request, response);
};

export const handleError: HandleServerError = ({ error, status }) => {
	if (status !== 404) console.error(error);
	return { message: status === 404 ? 'not_found' : 'server_error' };
};
