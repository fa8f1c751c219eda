// The phone's outbox: visits recorded offline wait here (in localStorage, so a reload or a dead
// battery loses nothing) and are sent in batches when the network is back. Each visit carries a
// client-generated key that the database keeps unique, so a batch whose answer was lost can be
// sent again without counting twice.
//
// The outbox belongs to the account that recorded its visits: it is stored under that account's
// id, each visit names its recorder (the server refuses it from anyone else), and a shared phone
// never uploads one person's visits as the next person who signs in. Visits the server refuses,
// one by one or as a whole batch (the account may not record at all), move to a list the user
// sees with the reason, to export or discard on purpose; nothing is retried forever or dropped.
import type { RecordResult, VisitInput } from './campaign-types.ts';

/** The part of the Web Storage API the outbox uses (localStorage, or a Map in tests). */
export interface QueueStorage {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
	removeItem?(key: string): void;
	readonly length?: number;
	key?(index: number): string | null;
}

/** Who recorded the visits of an outbox: the account's id (claims `sub`) and its name. */
export interface VisitOwner {
	id: string;
	name: string;
}

export interface RefusedVisit {
	visit: VisitInput;
	reason: string;
}

interface Stored {
	owner?: VisitOwner;
	pending: VisitInput[];
	refused: RefusedVisit[];
}

const PREFIX = 'gpm.visits.';

/** A v4 UUID; crypto.randomUUID needs a secure context, which a station's LAN may not give. */
export function visitKey(
	random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)
): string {
	const b = random(new Uint8Array(16));
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A whole batch refused by the server for a reason that sending again will not change. */
export class BatchRefused extends Error {
	constructor(readonly reason: string) {
		super(reason);
		this.name = 'BatchRefused';
	}
}

function read(storage: QueueStorage, key: string): Stored {
	try {
		const parsed = JSON.parse(storage.getItem(key) ?? '') as Stored;
		return { owner: parsed.owner, pending: parsed.pending ?? [], refused: parsed.refused ?? [] };
	} catch {
		return { pending: [], refused: [] };
	}
}

function storedKeys(storage: QueueStorage): string[] {
	const keys: string[] = [];
	for (let i = 0; i < (storage.length ?? 0); i++) {
		const k = storage.key?.(i);
		if (k?.startsWith(PREFIX)) keys.push(k);
	}
	return keys;
}

export class VisitQueue {
	private readonly key: string;
	private flushing: Promise<FlushSummary> | null = null;

	constructor(
		private readonly storage: QueueStorage,
		private readonly campaignId: number,
		private readonly owner: VisitOwner
	) {
		this.key = `${PREFIX}${owner.id}.${campaignId}`;
		this.adoptUnowned();
	}

	/**
	 * An outbox from before outboxes had owners (`gpm.visits.<campaign>`): nobody can say who
	 * recorded it, so it is never uploaded; it is shown as refused to whoever opens the campaign,
	 * to export or discard on purpose.
	 */
	private adoptUnowned(): void {
		const legacy = `${PREFIX}${this.campaignId}`;
		const old = read(this.storage, legacy);
		if (old.pending.length + old.refused.length === 0) return;
		const s = this.read();
		s.refused.push(...old.refused, ...old.pending.map((visit) => ({ visit, reason: 'visit_owner_unknown' })));
		this.write(s);
		this.storage.removeItem?.(legacy);
		if (!this.storage.removeItem) this.storage.setItem(legacy, '');
	}

	private read(): Stored {
		return read(this.storage, this.key);
	}

	private write(s: Stored): void {
		this.storage.setItem(this.key, JSON.stringify({ ...s, owner: this.owner }));
	}

	get pending(): VisitInput[] {
		return this.read().pending;
	}

	get refused(): RefusedVisit[] {
		return this.read().refused;
	}

	/** Queues a visit as recorded by this outbox's owner. */
	add(visit: VisitInput): void {
		const s = this.read();
		s.pending.push({ ...visit, recorded_by: this.owner.id });
		this.write(s);
	}

	dismissRefused(): void {
		this.write({ ...this.read(), refused: [] });
	}

	/**
	 * Sends everything pending, oldest first, in batches. A batch the server refuses as a whole
	 * (BatchRefused) moves to the refused list; any other failure (no network, a lost answer)
	 * stops the flush and keeps the rest for the next try. One flush at a time (a second call
	 * joins the running one).
	 */
	flush(send: (batch: VisitInput[]) => Promise<RecordResult>, batchSize = 500): Promise<FlushSummary> {
		this.flushing ??= this.run(send, batchSize).finally(() => (this.flushing = null));
		return this.flushing;
	}

	private async run(
		send: (batch: VisitInput[]) => Promise<RecordResult>,
		batchSize: number
	): Promise<FlushSummary> {
		const summary: FlushSummary = { accepted: 0, duplicates: 0, refused: 0 };
		for (;;) {
			// only this owner's visits, whatever an older copy of the outbox held
			const batch = this.read()
				.pending.filter((v) => (v.recorded_by ?? this.owner.id) === this.owner.id)
				.slice(0, batchSize);
			if (batch.length === 0) return summary;
			let result: RecordResult;
			try {
				result = await send(batch);
			} catch (e) {
				if (!(e instanceof BatchRefused)) throw e;
				const rejected = batch.map((v, i) => ({
					row: i + 1,
					client_key: v.client_key,
					household_id: v.household_id,
					reason: e.reason
				}));
				result = { ok: false, accepted: 0, duplicates: 0, rejected };
			}
			const refusedKeys = new Map(result.rejected.map((r) => [r.client_key, r.reason]));
			const sent = new Set(batch.map((v) => v.client_key));
			// re-read: the user may have recorded more while the batch was on its way
			const s = this.read();
			s.pending = s.pending.filter((v) => !sent.has(v.client_key));
			for (const v of batch) {
				const reason = refusedKeys.get(v.client_key);
				if (reason) s.refused.push({ visit: v, reason });
			}
			this.write(s);
			summary.accepted += result.accepted;
			summary.duplicates += result.duplicates;
			summary.refused += result.rejected.length;
		}
	}
}

export interface FlushSummary {
	accepted: number;
	duplicates: number;
	refused: number;
}

/** Visits waiting on this device, per account: what a shared phone holds for whom. */
export function queuedByOwner(storage: QueueStorage): { owner: VisitOwner; pending: number }[] {
	const byOwner = new Map<string, { owner: VisitOwner; pending: number }>();
	for (const key of storedKeys(storage)) {
		const s = read(storage, key);
		if (!s.owner || s.pending.length === 0) continue;
		const entry = byOwner.get(s.owner.id) ?? { owner: s.owner, pending: 0 };
		entry.pending += s.pending.length;
		byOwner.set(s.owner.id, entry);
	}
	return [...byOwner.values()];
}
