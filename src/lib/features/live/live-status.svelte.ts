// What a live page tells whoever watches it (the browser tests, the benchmark): the connection's
// state and history, how many changes it applied, and when each new incident was on screen
// (page clock, Date.now()). The page writes `attributes` onto an element, so nothing hangs off
// `window`; changes may be fed in through that element too (live-inject.ts).
import type { LiveState } from '$lib/types/live';

const SHOWN_KEPT = 200;

export class LiveStatus {
	state = $state<LiveState>('connecting');
	/** the last states, oldest first (bounded) */
	states = $state.raw<LiveState[]>([]);
	applied = $state(0);
	/** incident id → Date.now() of the first frame that showed it (the newest 200 or more) */
	shown = $state.raw<Record<number, number>>({});

	record(state: LiveState): void {
		this.state = state;
		this.states = [...this.states.slice(-19), state];
	}

	/** After the next painted frame: two animation frames, the first of which drew the change. */
	recordShown(ids: number[]): void {
		requestAnimationFrame(() =>
			requestAnimationFrame(() => {
				const at = Date.now();
				const shown = { ...this.shown };
				for (const id of ids) shown[id] = at;
				// integer keys iterate in numeric order, not insertion order: prune by time
				const entries = Object.entries(shown);
				if (entries.length > 2 * SHOWN_KEPT) {
					entries.sort((a, b) => a[1] - b[1]);
					for (const [k] of entries.slice(0, entries.length - SHOWN_KEPT)) delete shown[Number(k)];
				}
				this.shown = shown;
			})
		);
	}

	get attributes(): Record<string, string> {
		return {
			'data-live-state': this.state,
			'data-live-states': JSON.stringify(this.states),
			'data-live-applied': String(this.applied),
			'data-live-shown': JSON.stringify(this.shown)
		};
	}
}
