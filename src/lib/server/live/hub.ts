// The server's half of the live channel: one LISTEN per process, many Server-Sent Event
// subscribers. Announced change ids are batched for a few milliseconds and read back once per
// distinct set of claims through changes_by_ids, so row-level security filters every client
// exactly as it filters their other reads. With Supabase (no LISTEN through PostgREST) the hub
// polls changes_since instead.
import type { ChangeEvent, ChangesSince } from '../../types/live.ts';
import type { Claims, DataPort } from '../db/port.ts';

export interface LiveSubscriber {
	claims: Claims;
	send(changes: ChangeEvent[]): void;
	close(): void;
}

/** How long announced ids wait to be read together; short against the 1 s target. */
const BATCH_MS = 15;
const POLL_MS = 1000;

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
		})();
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

	close(): void {
		if (this.poller) clearInterval(this.poller);
		for (const s of this.subscribers) s.close();
		this.subscribers.clear();
	}
}

let hub: LiveHub | null = null;

export function liveHub(db: DataPort): LiveHub {
	hub ??= new LiveHub(db);
	return hub;
}
