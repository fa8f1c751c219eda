// What a live page tells the browser tests and the benchmark (window.__gpm.live): the
// connection's state and history, how many changes it applied, when each new incident was on
// screen (page clock, Date.now()), and `inject` to feed changes through the same path the
// live channel uses, for soak and throughput runs without a server in the loop.
import { mapHooks, type MapHooks } from '$lib/map/test-hooks';
import type { ChangeEvent, LiveState } from '$lib/types/live';

export interface LiveHooks {
	state: LiveState;
	/** the last states, oldest first (bounded) */
	states: LiveState[];
	applied: number;
	/** incident id → Date.now() of the first frame that showed it (the newest 200) */
	shown: Record<number, number>;
	inject: (changes: ChangeEvent[]) => void;
}

const SHOWN_KEPT = 200;

export function liveHooks(inject: (changes: ChangeEvent[]) => void): LiveHooks {
	const hooks: LiveHooks = { state: 'connecting', states: [], applied: 0, shown: {}, inject };
	// beside the map's hooks, in the same window.__gpm object
	(mapHooks() as MapHooks & { live?: LiveHooks }).live = hooks;
	return hooks;
}

export function recordState(hooks: LiveHooks, state: LiveState): void {
	hooks.state = state;
	hooks.states = [...hooks.states.slice(-19), state];
}

/** After the next painted frame: two animation frames, the first of which drew the change. */
export function recordShown(hooks: LiveHooks, ids: number[]): void {
	requestAnimationFrame(() =>
		requestAnimationFrame(() => {
			const at = Date.now();
			for (const id of ids) hooks.shown[id] = at;
			// integer keys iterate in numeric order, not insertion order: prune by time
			const entries = Object.entries(hooks.shown);
			if (entries.length <= 2 * SHOWN_KEPT) return;
			entries.sort((a, b) => a[1] - b[1]);
			for (const [k] of entries.slice(0, entries.length - SHOWN_KEPT)) delete hooks.shown[Number(k)];
		})
	);
}
