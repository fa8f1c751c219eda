// Live changes arrive at any rate; the map may repaint only so often. In headless Chromium with
// software compositing a WebGL repaint costs ~300 ms of the main thread, so a wall map that
// repainted per event would stutter at a few events a second. Changes are applied to the data
// at once and drawn together: immediately when the map has been quiet for the gap, otherwise at
// the end of it. The gap follows what a repaint costs (`repainted`), so repainting takes at most
// a sixth of the time and the page keeps its frame rate under any stream.
const MIN_GAP_MS = 1000;
const MAX_GAP_MS = 5000;
const REPAINT_SHARE = 1 / 6;

export class UpdateCadence {
	private last = -Infinity;
	private timer: ReturnType<typeof setTimeout> | null = null;
	private gapMs = MIN_GAP_MS;
	private cost = 0;

	constructor(
		private readonly flush: () => void,
		private readonly clock: () => number = () => performance.now()
	) {}

	/** How long the last draw took on screen; smoothed, it sets the gap. */
	repainted(ms: number): void {
		this.cost = this.cost === 0 ? ms : 0.7 * this.cost + 0.3 * ms;
		this.gapMs = Math.min(MAX_GAP_MS, Math.max(MIN_GAP_MS, this.cost / REPAINT_SHARE));
	}

	get gap(): number {
		return this.gapMs;
	}

	request(): void {
		if (this.timer) return;
		const wait = Math.max(0, this.last + this.gapMs - this.clock());
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
