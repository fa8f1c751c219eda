// Live changes arrive at any rate; the map may repaint only so often. In headless Chromium with
// software compositing a WebGL repaint blocks the page for a third of a second (county) to a
// couple of seconds (city), so a wall map that repainted per event would stutter at a few
// events a second. Changes are applied to the data at once and drawn together:
// - the odd change (a sparse stream, the usual day) is drawn at once, at most once a second and
//   with drawing taking at most half the time;
// - in a dense stream the gap between draws follows what a draw costs (`repainted`), so drawing
//   takes at most a sixth of the time and the page keeps its frame rate.
// Density counts changes, not deliveries: while a draw blocks the page, changes pile up and
// arrive together, and counting deliveries would call a flood sparse.
const MIN_GAP_MS = 1000;
const MAX_GAP_MS = 5000;
const SPARSE_SHARE = 1 / 2;
const DENSE_SHARE = 1 / 6;
/** more changes than this in the window make a stream dense */
const DENSE_CHANGES = 6;
const WINDOW_MS = 3000;

export class UpdateCadence {
	private last = -Infinity;
	private timer: ReturnType<typeof setTimeout> | null = null;
	private cost = 0;
	/** [time, changes] of recent requests */
	private readonly requests: [number, number][] = [];

	constructor(
		private readonly flush: () => void,
		private readonly clock: () => number = () => performance.now()
	) {}

	/** How long a draw took on screen (measured by itself in a browser); smoothed, it sets the gap. */
	repainted(ms: number): void {
		this.cost = this.cost === 0 ? ms : 0.7 * this.cost + 0.3 * ms;
	}

	/** The wait between draws now. */
	get gap(): number {
		const now = this.clock();
		while (this.requests.length > 0 && this.requests[0][0] < now - WINDOW_MS) this.requests.shift();
		const changes = this.requests.reduce((n, [, c]) => n + c, 0);
		const share = changes > DENSE_CHANGES ? DENSE_SHARE : SPARSE_SHARE;
		return Math.min(MAX_GAP_MS, Math.max(MIN_GAP_MS, this.cost / share));
	}

	/** Asks for a draw of `changes` new changes. */
	request(changes = 1): void {
		const now = this.clock();
		this.requests.push([now, changes]);
		if (this.requests.length > 256) this.requests.splice(0, this.requests.length - 256);
		if (this.timer) return;
		const wait = Math.max(0, this.last + this.gap - now);
		this.timer = setTimeout(() => {
			this.timer = null;
			this.last = this.clock();
			this.flush();
			this.measure(this.last);
		}, wait);
	}

	/**
	 * In a browser: the time until the frame after the draw, i.e. what the draw cost on
	 * screen (the first animation frame is the one that drew it).
	 */
	private measure(started: number): void {
		if (typeof requestAnimationFrame !== 'function') return;
		requestAnimationFrame(() => requestAnimationFrame(() => this.repainted(this.clock() - started)));
	}

	cancel(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
	}
}
