// Playing a campaign's replay: the day shown, play and pause, the speed in days a second and the
// counts of that day. Frames come from requestAnimationFrame; a frame moves the day only when a
// whole day has passed at the chosen speed, so a slow PC shows fewer frames, never a wrong day.
import { errorMessage } from '$lib/i18n/error-message';
import type { CampaignGrids } from './campaign-api.ts';
import { Replay, type ReplayColumns } from './campaign-replay.ts';
import { STATE_COLOURS } from './campaign-layers.ts';

/** days a second */
export const REPLAY_SPEEDS = [1, 2, 5, 10] as const;

export class ReplayPlayer {
	replay = $state.raw<Replay | null>(null);
	/** the campaign's grids, when the page showing the replay has none of its own (the wall) */
	grids = $state.raw<CampaignGrids | null>(null);
	failure = $state<string | null>(null);
	day = $state(0);
	playing = $state(false);
	speed = $state<number>(2);
	/** the households per state on the day shown (REPLAY_STATES order) */
	counts = $state.raw<number[]>([]);
	/** bumped whenever the colours change, for the layer's update */
	version = $state(0);
	#opening: Promise<void> | null = null;
	#frame = 0;
	#last = 0;
	#carry = 0;

	constructor(
		private readonly load: () => Promise<ReplayColumns>,
		private readonly loadGrids?: () => Promise<CampaignGrids>
	) {}

	/** Fetches the campaign's changes once and shows its last day (today's doors). */
	open(): Promise<void> {
		this.#opening ??= this.#fetch();
		return this.#opening;
	}

	async #fetch(): Promise<void> {
		try {
			const [columns, grids] = await Promise.all([this.load(), this.loadGrids?.() ?? null]);
			this.grids = grids;
			this.replay = new Replay(columns, STATE_COLOURS);
			this.seek(this.replay.days - 1);
		} catch (e) {
			this.failure = errorMessage(e);
			// a later choice of the replay tries again
			this.#opening = null;
		}
	}

	get date(): string {
		return this.replay ? this.replay.dateOf(this.day) : '';
	}

	seek(day: number): void {
		const r = this.replay;
		if (!r) return;
		r.seek(day);
		this.day = r.day;
		this.counts = [...r.counts];
		this.version++;
	}

	toggle(): void {
		if (this.playing) this.pause();
		else this.play();
	}

	play(): void {
		const r = this.replay;
		if (!r || this.playing) return;
		// from the start again once the end was reached
		if (this.day >= r.days - 1) this.seek(0);
		this.playing = true;
		this.#last = performance.now();
		this.#carry = 0;
		this.#frame = requestAnimationFrame((t) => this.#tick(t));
	}

	pause(): void {
		if (!this.playing) return;
		this.playing = false;
		cancelAnimationFrame(this.#frame);
	}

	dispose(): void {
		this.pause();
	}

	#tick(now: number): void {
		const r = this.replay;
		if (!r || !this.playing) return;
		this.#carry += ((now - this.#last) / 1000) * this.speed;
		this.#last = now;
		const step = Math.floor(this.#carry);
		if (step > 0) {
			this.#carry -= step;
			this.seek(Math.min(r.days - 1, this.day + step));
		}
		if (this.day >= r.days - 1) this.playing = false;
		else this.#frame = requestAnimationFrame((t) => this.#tick(t));
	}
}
