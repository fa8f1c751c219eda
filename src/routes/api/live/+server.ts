// The live channel as Server-Sent Events. `?since=ISO` first replays changes_since(since) (a
// reconnect catching up), then relays new changes as they are committed. The subscription is
// taken before the replay, so nothing committed in between falls through the gap; the client
// drops what it already has by id.
import { error, json } from '@sveltejs/kit';
import { dataPort } from '$lib/server/db';
import { liveHub } from '$lib/server/live/hub';
import { LIVE_EVENTS, type ChangeEvent, type ChangesSince } from '$lib/types/live';
import type { RequestHandler } from './$types';

const HEARTBEAT_MS = 15_000;

function frame(event: string, data: unknown): string {
	return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export const GET: RequestHandler = async ({ url, locals, request }) => {
	const claims = locals.claims;
	if (!claims) error(401, 'sign_in_required');
	const sinceParam = url.searchParams.get('since');
	const since = sinceParam ? new Date(sinceParam) : null;
	if (since && Number.isNaN(since.getTime())) error(400, 'invalid_since');
	const db = await dataPort();
	const hub = liveHub(db);
	const encoder = new TextEncoder();

	let stop = () => {};
	const stream = new ReadableStream<Uint8Array>({
		async start(controller) {
			let open = true;
			const write = (text: string) => {
				if (open) controller.enqueue(encoder.encode(text));
			};
			let buffered: ChangeEvent[] | null = since ? [] : null;
			const unsubscribe = await hub.subscribe({
				claims,
				send(changes) {
					if (buffered) buffered.push(...changes);
					else write(frame(LIVE_EVENTS.changes, changes));
				},
				close() {
					stop();
				}
			});
			const heartbeat = setInterval(() => write(': ping\n\n'), HEARTBEAT_MS);
			stop = () => {
				if (!open) return;
				open = false;
				clearInterval(heartbeat);
				unsubscribe();
				controller.close();
			};
			request.signal.addEventListener('abort', () => stop());
			if (since) {
				try {
					const answer = await db.call<ChangesSince>('changes_since', { since: since.toISOString() }, claims);
					if (answer.truncated) write(frame(LIVE_EVENTS.reload, { now: answer.now }));
					else if (answer.changes.length > 0) write(frame(LIVE_EVENTS.changes, answer.changes));
				} catch (e) {
					console.error('live catch-up failed', e);
					write(frame(LIVE_EVENTS.reload, {}));
				}
				const held = buffered ?? [];
				buffered = null;
				if (held.length > 0) write(frame(LIVE_EVENTS.changes, held));
			}
			write(frame(LIVE_EVENTS.ready, { now: new Date().toISOString() }));
		},
		cancel() {
			stop();
		}
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
