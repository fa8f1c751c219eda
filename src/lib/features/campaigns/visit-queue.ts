// The phone's outbox: visits recorded offline wait here (in localStorage, so a reload or a dead
// battery loses nothing) and are sent in batches when the network is back. Each visit carries a
// client-generated key that the database keeps unique, so a batch whose answer was lost can be
// sent again without counting twice. Visits the server refuses move to a list the user sees,
// with the reason; they are never dropped silently.
import type { RecordResult, VisitInput } from './campaign-types.ts';

export interface QueueStorage {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
}

export interface RefusedVisit {
	visit: VisitInput;
	reason: string;
}

interface Stored {
	pending: VisitInput[];
	refused: RefusedVisit[];
}

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

export class VisitQueue {
	private readonly key: string;
	private flushing: Promise<FlushSummary> | null = null;

	constructor(
		private readonly storage: QueueStorage,
		campaignId: number
	) {
		this.key = `gpm.visits.${campaignId}`;
	}

	private read(): Stored {
		try {
			const parsed = JSON.parse(this.storage.getItem(this.key) ?? '') as Stored;
			return { pending: parsed.pending ?? [], refused: parsed.refused ?? [] };
		} catch {
			return { pending: [], refused: [] };
		}
	}

	private write(s: Stored): void {
		this.storage.setItem(this.key, JSON.stringify(s));
	}

	get pending(): VisitInput[] {
		return this.read().pending;
	}

	get refused(): RefusedVisit[] {
		return this.read().refused;
	}

	add(visit: VisitInput): void {
		const s = this.read();
		s.pending.push(visit);
		this.write(s);
	}

	dismissRefused(): void {
		this.write({ ...this.read(), refused: [] });
	}

	/**
	 * Sends everything pending, oldest first, in batches. Stops at the first failure and keeps the
	 * rest; one flush at a time (a second call joins the running one).
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
			const batch = this.read().pending.slice(0, batchSize);
			if (batch.length === 0) return summary;
			const result = await send(batch);
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
