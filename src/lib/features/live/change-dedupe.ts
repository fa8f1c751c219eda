// Drops changes already applied: a reconnect replays from a few seconds before the last change
// it saw (commits can land out of id order), so overlaps are expected and must not apply twice.
// Bounded: ids older than the horizon behind the newest change are forgotten.
import type { ChangeEvent } from '$lib/types/live';

const HORIZON_MS = 10 * 60_000;
const PRUNE_AT = 4096;

export class ChangeDedupe {
	private readonly seen = new Map<number, number>();
	private newest = 0;

	/** The changes not seen before, in id order; remembers them. */
	fresh(changes: readonly ChangeEvent[]): ChangeEvent[] {
		const out: ChangeEvent[] = [];
		for (const c of changes) {
			if (this.seen.has(c.id)) continue;
			const at = Date.parse(c.at);
			this.seen.set(c.id, at);
			if (at > this.newest) this.newest = at;
			out.push(c);
		}
		if (this.seen.size > PRUNE_AT) this.prune();
		return out.sort((a, b) => a.id - b.id);
	}

	/** Database time of the newest change applied (0 = none yet). */
	get newestAt(): number {
		return this.newest;
	}

	get size(): number {
		return this.seen.size;
	}

	private prune(): void {
		const floor = this.newest - HORIZON_MS;
		for (const [id, at] of this.seen) if (at < floor) this.seen.delete(id);
	}
}
