// The live channel as Server-Sent Events. `?since=ISO` first replays changes_since(since) (a
// reconnect catching up), then relays new changes as they are committed; the stream itself, its
// heartbeat and its bound on unread bytes live in LiveHub.stream.
import type { IncomingMessage } from 'node:http';
import { error, json } from '@sveltejs/kit';
import { dataPort } from '$lib/server/db';
import { liveHub } from '$lib/server/live/hub';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, locals, request, platform }) => {
	const claims = locals.claims;
	if (!claims) error(401, 'sign_in_required');
	const sinceParam = url.searchParams.get('since');
	const since = sinceParam ? new Date(sinceParam) : null;
	if (since && Number.isNaN(since.getTime())) error(400, 'invalid_since');
	// adapter-node passes the Node request. A dropped client is not reading, so adapter-node
	// waits for a 'drain' that never comes and would not notice the errored stream: cutting the
	// socket ends the response and frees it now. (No socket under `vite dev`: the queue is freed
	// all the same.)
	const socket = (platform as { req?: IncomingMessage } | undefined)?.req?.socket;
	const stream = liveHub(await dataPort()).stream(claims, {
		since,
		signal: request.signal,
		onDrop: () => socket?.destroy()
	});
	return new Response(stream, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-store',
			// proxies (nginx) must not hold the stream back
			'x-accel-buffering': 'no'
		}
	});
};

/** Ends every live stream of the signed-in user; their clients reconnect and catch up. */
export const DELETE: RequestHandler = async ({ locals }) => {
	const claims = locals.claims;
	if (!claims) error(401, 'sign_in_required');
	return json({ closed: liveHub(await dataPort()).drop(claims.sub) });
};
