// The server's half of the live channel: one LISTEN per process, many Server-Sent Event
// subscribers. Announced change ids are batched for a few milliseconds and read back once per
// distinct set of claims through changes_by_ids, so row-level security filters every client
// exactly as it filters their other reads. With Supabase (no LISTEN through PostgREST) the hub
// polls changes_since instead.
import { LIVE_EVENTS, type ChangeEvent, type ChangesSince } from '../../types/live.ts';
import type { Claims, DataPort } from '../db/port.ts';

export interface LiveSubscriber {
	claims: Claims;
	send(changes: ChangeEvent[]): void;
	close(): void;
	/** bytes handed to the client's stream and not read yet (streams only) */
	readonly unread?: number;
}

/** How long announced ids wait to be read together; short against the 1 s target. */
const BATCH_MS = 15;
const POLL_MS = 1000;
const HEARTBEAT_MS = 15_000;

/**
 * Unread bytes a live client may hold before it is dropped. Live events cannot wait for a slow
 * reader, so without a cap a client that stops reading (a frozen tab, a half-open link, a stalled
 * proxy) is buffered here for as long as the process runs. A change is a few hundred bytes and the
 * socket buffers in front of this queue already absorb short stalls, so 1 MiB is thousands of
 * changes behind: no healthy client gets there, and twenty stalled ones cost at most ~20 MiB.
 */
export const MAX_UNREAD_BYTES = 1024 * 1024;

export interface LiveStreamOptions {
	/** first replay changes_since(since): a reconnect catching up */
	since?: Date | null;
	/** the request's signal: the client went away */
	signal?: AbortSignal;
	/** the client fell behind and its stream was dropped (the route cuts the connection) */
	onDrop?: () => void;
	/** overrides MAX_UNREAD_BYTES (tests) */
	maxUnreadBytes?: number;
}

function frame(event: string, data: unknown): string {
	return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export class LiveHub {
	private readonly subscribers = new Set<LiveSubscriber>();
	private pending: number[] = [];
	private flushing: Promise<void> | null = null;
	private timer: ReturnType<typeof setTimeout> | null = null;
	private started: Promise<void> | null = null;
	private poller: ReturnType<typeof setInterval> | null = null;
	private pollSince = new Map<string, string>();

	constructor(private readonly db: DataPort) {}

	private start(): Promise<void> {
		this.started ??= (async () => {
			if (this.db.transport === 'supabase') {
				this.poller = setInterval(() => void this.poll(), POLL_MS);
				return;
			}
			await this.db.listen('live_changes', (payload) => this.announce(Number(payload)));
		})().catch((error: unknown) => {
			// a failed LISTEN is tried again by the next subscriber, not remembered for good
			this.started = null;
			throw error;
		});
		return this.started;
	}

	private announce(id: number): void {
		if (!Number.isSafeInteger(id) || this.subscribers.size === 0) return;
		this.pending.push(id);
		this.timer ??= setTimeout(() => {
			this.timer = null;
			void this.flush();
		}, BATCH_MS);
	}

	private async flush(): Promise<void> {
		// one flush at a time, in announcement order; ids that arrive meanwhile wait for the next
		while (this.flushing) await this.flushing;
		if (this.pending.length === 0) return;
		const ids = this.pending;
		this.pending = [];
		this.flushing = this.deliver(ids).finally(() => {
			this.flushing = null;
		});
		await this.flushing;
	}

	private groups(): Map<string, LiveSubscriber[]> {
		const groups = new Map<string, LiveSubscriber[]>();
		for (const s of this.subscribers) {
			const key = JSON.stringify(s.claims);
			const group = groups.get(key);
			if (group) group.push(s);
			else groups.set(key, [s]);
		}
		return groups;
	}

	private async deliver(ids: number[]): Promise<void> {
		for (const group of this.groups().values()) {
			try {
				const changes = await this.db.call<ChangeEvent[]>('changes_by_ids', { ids }, group[0].claims);
				if (changes.length > 0) for (const s of group) s.send(changes);
			} catch (error) {
				console.error('live relay failed', error);
			}
		}
	}

	private async poll(): Promise<void> {
		for (const [key, group] of this.groups()) {
			const since = this.pollSince.get(key) ?? new Date(Date.now() - POLL_MS).toISOString();
			try {
				const answer = await this.db.call<ChangesSince>('changes_since', { since }, group[0].claims);
				this.pollSince.set(key, answer.now);
				if (answer.changes.length > 0) for (const s of group) s.send(answer.changes);
			} catch (error) {
				console.error('live poll failed', error);
			}
		}
	}

	async subscribe(subscriber: LiveSubscriber): Promise<() => void> {
		await this.start();
		this.subscribers.add(subscriber);
		return () => this.subscribers.delete(subscriber);
	}

	/**
	 * One client's Server-Sent Event stream. `since` first replays changes_since(since); the
	 * subscription is taken before the replay, so nothing committed in between falls through the
	 * gap (the client drops what it already has by id).
	 *
	 * The stream counts its unread bytes (ByteLengthQueuingStrategy). A live frame that finds
	 * `maxUnreadBytes` or more still unread drops the client: the stream errors, which discards
	 * its queue, and it leaves the hub. Its browser sees the line cut, reconnects with ?since= and
	 * catches up (or reloads). The replay and `ready` are exempt: changes_since bounds the replay
	 * itself, and a large one must not drop a client before its reader has started.
	 */
	stream(claims: Claims, options: LiveStreamOptions = {}): ReadableStream<Uint8Array> {
		const cap = options.maxUnreadBytes ?? MAX_UNREAD_BYTES;
		const { since = null, signal } = options;
		const encoder = new TextEncoder();
		let controller!: ReadableStreamDefaultController<Uint8Array>;
		let open = true;
		let live = false;
		let heartbeat: ReturnType<typeof setInterval> | null = null;
		// changes relayed while the replay is read, written after it
		let held: ChangeEvent[] | null = since ? [] : null;

		// Every way out comes through here once: reader cancelled, request aborted, hub drop or
		// close, client too far behind, LISTEN failed. Nothing of the stream stays behind.
		const end = (how: 'close' | 'cancel' | 'drop', reason?: unknown) => {
			if (!open) return;
			open = false;
			held = null;
			if (heartbeat) clearInterval(heartbeat);
			this.subscribers.delete(subscriber);
			signal?.removeEventListener('abort', onAbort);
			if (how === 'close') controller.close();
			if (how === 'drop') {
				controller.error(reason);
				options.onDrop?.();
			}
		};
		const onAbort = () => end('close');
		const write = (text: string) => {
			if (!open) return;
			if (live && (controller.desiredSize ?? 0) <= 0) {
				console.warn(`live: dropped a client ${cap} bytes behind`);
				end('drop', new Error('live client fell behind'));
				return;
			}
			controller.enqueue(encoder.encode(text));
		};
		const subscriber: LiveSubscriber = {
			claims,
			send(changes) {
				if (held) held.push(...changes);
				else write(frame(LIVE_EVENTS.changes, changes));
			},
			close: () => end('close'),
			get unread() {
				return open ? cap - (controller.desiredSize ?? cap) : 0;
			}
		};

		const begin = async () => {
			if (signal?.aborted) return end('close');
			signal?.addEventListener('abort', onAbort);
			try {
				await this.start();
			} catch (error) {
				console.error('live listen failed', error);
				return end('drop', error);
			}
			// cancelled or aborted while LISTEN was being set up
			if (!open) return;
			this.subscribers.add(subscriber);
			heartbeat = setInterval(() => write(': ping\n\n'), HEARTBEAT_MS);
			if (since) {
				try {
					const answer = await this.db.call<ChangesSince>(
						'changes_since',
						{ since: since.toISOString() },
						claims
					);
					if (answer.truncated) write(frame(LIVE_EVENTS.reload, { now: answer.now }));
					else if (answer.changes.length > 0) write(frame(LIVE_EVENTS.changes, answer.changes));
				} catch (e) {
					console.error('live catch-up failed', e);
					write(frame(LIVE_EVENTS.reload, {}));
				}
				const changes = held ?? [];
				held = null;
				if (changes.length > 0) write(frame(LIVE_EVENTS.changes, changes));
			}
			write(frame(LIVE_EVENTS.ready, { now: new Date().toISOString() }));
			live = true;
		};

		return new ReadableStream<Uint8Array>(
			{
				start(c) {
					controller = c;
					void begin();
				},
				cancel: () => end('cancel')
			},
			new ByteLengthQueuingStrategy({ highWaterMark: cap })
		);
	}

	/** Closes every stream of one user (their "reconnect", and how tests cut the line). */
	drop(sub: string): number {
		let n = 0;
		for (const s of [...this.subscribers]) {
			if (s.claims.sub !== sub) continue;
			this.subscribers.delete(s);
			s.close();
			n++;
		}
		return n;
	}

	get size(): number {
		return this.subscribers.size;
	}

	/** Bytes sent to the subscribed streams and not read yet, all clients together. */
	get unreadBytes(): number {
		let n = 0;
		for (const s of this.subscribers) n += s.unread ?? 0;
		return n;
	}

	close(): void {
		if (this.poller) clearInterval(this.poller);
		if (this.timer) clearTimeout(this.timer);
		this.poller = null;
		this.timer = null;
		for (const s of this.subscribers) s.close();
		this.subscribers.clear();
	}
}

let hub: LiveHub | null = null;

export function liveHub(db: DataPort): LiveHub {
	hub ??= new LiveHub(db);
	return hub;
}
