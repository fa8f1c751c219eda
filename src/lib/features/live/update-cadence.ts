// Live changes arrive at any rate; the map may repaint only so often. In headless Chromium with
// software compositing a WebGL repaint blocks the page for a third of a second (county) to a
// second (city), so a wall map that repainted per event would stutter at a few events a
// second. Changes are applied to the data at once and drawn together:
// - the odd change (a sparse stream, the usual day) is drawn at once, at most once a second;
// - in a dense stream the gap between draws follows what a draw costs (`repainted`), so drawing
//   takes at most a sixth of the time and the page keeps its frame rate.
const MIN_GAP_MS = 1000;
const MAX_GAP_MS = 5000;
const REPAINT_SHARE = 1 / 6;
/** more requests than this in the window make a stream dense */
const DENSE_REQUESTS = 6;
const WINDOW_MS = 3000;

export class UpdateCadence {
	private last = -Infinity;
	private timer: ReturnType<typeof setTimeout> | null = null;
	private cost = 0;
	private readonly requests: number[] = [];

	constructor(
		private readonly flush: () => void,
		private readonly clock: () => number = () => performance.now()
	) {}

	/** How long the last draw took on screen; smoothed, it sets the gap in a dense stream. */
	repainted(ms: number): void {
		this.cost = this.cost === 0 ? ms : 0.7 * this.cost + 0.3 * ms;
	}

	/** The wait between draws now. */
	get gap(): number {
		const now = this.clock();
		while (this.requests.length > 0 && this.requests[0] < now - WINDOW_MS) this.requests.shift();
		if (this.requests.length <= DENSE_REQUESTS) return MIN_GAP_MS;
		return Math.min(MAX_GAP_MS, Math.max(MIN_GAP_MS, this.cost / REPAINT_SHARE));
	}

	request(): void {
		const now = this.clock();
		this.requests.push(now);
		if (this.requests.length > 4 * DENSE_REQUESTS)
			this.requests.splice(0, this.requests.length - 4 * DENSE_REQUESTS);
		if (this.timer) return;
		const wait = Math.max(0, this.last + this.gap - now);
		this.timer = setTimeout(() => {
			this.timer = null;
			this.last = this.clock();
			this.flush();
		}, wait);
	}

	cancel(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
	}
}
