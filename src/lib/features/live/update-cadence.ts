// Live changes arrive at any rate; the map may repaint only so often. In headless Chromium with
// software compositing a WebGL repaint costs ~300 ms of the main thread, so a wall map that
// repainted per event would stutter at a few events a second. Changes are applied to the data
// at once and drawn together: immediately when the map has been quiet for `gapMs`, otherwise
// at the end of the gap.
export class UpdateCadence {
	private last = -Infinity;
	private timer: ReturnType<typeof setTimeout> | null = null;

	constructor(
		private readonly gapMs: number,
		private readonly flush: () => void,
		private readonly clock: () => number = () => performance.now()
	) {}

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
