// The browser's half of the live channel: an EventSource on /api/live that shows its state,
// reconnects with back-off after any loss and catches up from a few seconds before the last
// change it applied. Callers get each change once, in id order.
import { LIVE_EVENTS, type ChangeEvent, type LiveState } from '$lib/types/live';
import { reconnectDelay } from './backoff.ts';
import { ChangeDedupe } from './change-dedupe.ts';

/** Replay overlap: commits can land a little out of clock order. */
const CATCH_UP_SLACK_MS = 5000;

export interface LiveClientOptions {
	onChanges: (changes: ChangeEvent[]) => void;
	onState: (state: LiveState) => void;
	/** the server could not replay everything missed: the page reloads its data */
	onReload?: () => void;
	url?: string;
}

export interface LiveClient {
	close(): void;
	/** changes applied so far (tests, the memory soak) */
	readonly applied: number;
}

export function connectLive(options: LiveClientOptions): LiveClient {
	const url = options.url ?? '/api/live';
	const dedupe = new ChangeDedupe();
	let source: EventSource | null = null;
	let attempt = 0;
	let retry: ReturnType<typeof setTimeout> | null = null;
	let closed = false;
	let applied = 0;
	// the newest database time we know of, to ask for what came after it
	let cursor = 0;

	const apply = (changes: ChangeEvent[]) => {
		const fresh = dedupe.fresh(changes);
		if (fresh.length === 0) return;
		applied += fresh.length;
		cursor = Math.max(cursor, dedupe.newestAt);
		options.onChanges(fresh);
	};

	const open = () => {
		if (closed) return;
		const since =
			cursor > 0 ? `?since=${encodeURIComponent(new Date(cursor - CATCH_UP_SLACK_MS).toISOString())}` : '';
		const es = new EventSource(url + since);
		source = es;
		es.addEventListener(LIVE_EVENTS.changes, (e) =>
			apply(JSON.parse((e as MessageEvent<string>).data) as ChangeEvent[])
		);
		es.addEventListener(LIVE_EVENTS.reload, () => options.onReload?.());
		es.addEventListener(LIVE_EVENTS.ready, (e) => {
			const { now } = JSON.parse((e as MessageEvent<string>).data) as { now: string };
			cursor = Math.max(cursor, Date.parse(now));
			attempt = 0;
			options.onState('live');
		});
		es.onerror = () => {
			// our own back-off instead of EventSource's fixed retry
			es.close();
			if (source !== es || closed) return;
			source = null;
			options.onState('reconnecting');
			retry = setTimeout(open, reconnectDelay(attempt++));
		};
	};

	options.onState('connecting');
	open();
	return {
		close() {
			closed = true;
			if (retry) clearTimeout(retry);
			source?.close();
			source = null;
		},
		get applied() {
			return applied;
		}
	};
}
