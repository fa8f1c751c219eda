// The visit recorder as state and rules, without a browser: the blocks shown, their households
// and states, the next doors, the visit form, and the outbox (stored first, sent when online,
// never lost, never twice). record/+page.svelte draws it; tests drive it with fakes.
import type {
	BlockHouseholds,
	CampaignProgress,
	HouseholdState,
	RecordResult,
	VisitInput
} from '$lib/features/campaigns/campaign-types';
import { nearestUnvisited } from '$lib/features/campaigns/nearest';
import {
	BatchRefused,
	VisitQueue,
	queuedByOwner,
	visitKey,
	type QueueStorage,
	type RefusedVisit,
	type VisitOwner
} from '$lib/features/campaigns/visit-queue';
import { ApiError } from '$lib/api/request';
import { errorMessage } from '$lib/i18n/error-message';
import { t } from '$lib/i18n/locale.svelte';
import type { CampaignTopic, VisitOutcome, VisitorKind } from '$lib/types/domain';

const KIND_KEY = 'gpm.visitor_kind';

/** What the recorder asks of the server (the campaign API, or fakes in tests). */
export interface RecordApi {
	households(blocks: number[]): Promise<BlockHouseholds>;
	send(batch: VisitInput[]): Promise<RecordResult>;
}

export class RecordPage {
	progress = $state<CampaignProgress | null>(null);
	blocks = $state<number[]>([]);
	homes = $state.raw<BlockHouseholds | null>(null);
	/** bumped when household states change in place (deck.gl's update trigger) */
	version = $state(0);
	failure = $state<string | null>(null);
	notice = $state<string | null>(null);
	online = $state(true);
	pending = $state(0);
	refused = $state<RefusedVisit[]>([]);
	/** the device's position, when allowed */
	position = $state<[number, number] | null>(null);
	selected = $state<number | null>(null);

	// the visit form
	outcome = $state<VisitOutcome>('visited');
	kind = $state<VisitorKind>('police');
	topics = $state<CampaignTopic[]>([]);
	fraud = $state(false);
	money = $state(0);
	dispute = $state(false);
	fire = $state(false);

	readonly queue: VisitQueue;

	/** visits other accounts left queued on this device (a shared phone), which only they can send */
	others = $state<{ owner: VisitOwner; pending: number }[]>([]);

	constructor(
		campaignId: number,
		private readonly api: RecordApi,
		private readonly storage: QueueStorage,
		private readonly owner: VisitOwner
	) {
		this.queue = new VisitQueue(storage, campaignId, owner);
		this.kind = (storage.getItem(KIND_KEY) as VisitorKind | null) ?? 'police';
		this.syncQueue();
	}

	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- rebuilt whole by the derived, never mutated
	readonly indexOf = $derived(new Map(this.homes?.id.map((id, i) => [id, i]) ?? []));
	/** the next doors: nearest unvisited when the position is known, else the first unvisited */
	readonly next = $derived.by(() => {
		void this.version;
		const homes = this.homes;
		if (!homes) return [];
		if (this.position) return nearestUnvisited(homes, this.position, 6);
		const out: { index: number; distanceM: number | null }[] = [];
		for (let i = 0; i < homes.id.length && out.length < 6; i++)
			if (homes.state[i] !== 'visited') out.push({ index: i, distanceM: null });
		return out;
	});
	readonly counts = $derived.by(() => {
		void this.version;
		const c: Record<HouseholdState, number> = { none: 0, visited: 0, nobody_home: 0, refused: 0 };
		this.homes?.state.forEach((s) => c[s]++);
		return c;
	});

	/** The progress arrived: the topics of the campaign, and the team's own blocks (else the first). */
	async start(progress: CampaignProgress): Promise<void> {
		this.progress = progress;
		this.topics = [...progress.campaign.topics];
		const mine = progress.teams.find((tm) => tm.id === progress.my_team_id)?.blocks ?? [];
		await this.loadHouseholds(mine.length ? mine : progress.blocks.slice(0, 1).map((b) => b.id));
	}

	syncQueue(): void {
		this.pending = this.queue.pending.length;
		this.refused = this.queue.refused;
		this.others = queuedByOwner(this.storage).filter((q) => q.owner.id !== this.owner.id);
	}

	dismissRefused(): void {
		this.queue.dismissRefused();
		this.syncQueue();
	}

	/**
	 * Sends what is queued when online (or, with `anyway`, to find out: the 30 s retry); what fails
	 * stays queued for the next try. No answer at all means offline, whatever the browser says.
	 */
	async flush(anyway = false): Promise<void> {
		if (!this.online && !anyway) return;
		try {
			const r = await this.queue.flush((batch) => this.sendOrRefuse(batch));
			// a visit the server already held counts as uploaded: it is stored, once
			if (r.accepted + r.duplicates > 0)
				this.notice = t('campaign.flush_done', { n: r.accepted + r.duplicates });
			if (r.refused > 0) this.failure = t('campaign.flush_refused', { n: r.refused });
			this.online = true;
		} catch (e) {
			// stays queued; the next 'online' event, save or retry tries again
			if (e instanceof ApiError && e.status === 0) {
				this.online = false;
				this.notice = t('campaign.saved_offline');
			}
		}
		this.syncQueue();
	}

	/**
	 * A refusal that sending again cannot change (this account may not record, the campaign is
	 * gone, the batch is malformed) refuses the batch, shown with its reason; a lost network or a
	 * signed-out session keeps it queued for the next try.
	 */
	private async sendOrRefuse(batch: VisitInput[]): Promise<RecordResult> {
		try {
			return await this.api.send(batch);
		} catch (e) {
			if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 429)
				throw new BatchRefused(e.key);
			throw e;
		}
	}

	async loadHouseholds(ids: number[]): Promise<void> {
		this.blocks = ids;
		if (ids.length === 0) {
			this.homes = null;
			return;
		}
		try {
			this.homes = await this.api.households(ids);
			// what is still queued on this phone shows as recorded
			for (const v of this.queue.pending) this.applyState(v.household_id, v.outcome);
			this.version++;
		} catch (e) {
			this.failure = errorMessage(e);
		}
	}

	toggleBlock(id: number): Promise<void> {
		return this.loadHouseholds(
			this.blocks.includes(id) ? this.blocks.filter((b) => b !== id) : [...this.blocks, id]
		);
	}

	private applyState(householdId: number, o: VisitOutcome): void {
		const homes = this.homes;
		const i = this.indexOf.get(householdId) ?? homes?.id.indexOf(householdId);
		if (!homes || i === undefined || i < 0) return;
		if (homes.state[i] !== 'visited') homes.state[i] = o;
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp, not state
		homes.last_visit_at[i] = new Date().toISOString();
	}

	/** Opens the form for a household, with the findings cleared. */
	choose(id: number): void {
		this.selected = id;
		this.outcome = 'visited';
		this.fraud = this.dispute = this.fire = false;
		this.money = 0;
	}

	/** Queues the visit in the form (on the phone first), shows it, and sends when online. */
	async save(): Promise<void> {
		if (this.selected === null) return;
		this.storage.setItem(KIND_KEY, this.kind);
		const reached = this.outcome === 'visited';
		this.queue.add({
			client_key: visitKey(),
			household_id: this.selected,
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp, not state
			visited_at: new Date().toISOString(),
			outcome: this.outcome,
			visitor_kind: this.kind,
			topics: reached ? this.topics : [],
			fraud_risk_found: reached && this.fraud,
			money_protected: reached && this.fraud ? Math.max(0, Number(this.money) || 0) : 0,
			dispute_found: reached && this.dispute,
			fire_hazard_found: reached && this.fire,
			...(this.position ? { lon: this.position[0], lat: this.position[1] } : {})
		});
		this.applyState(this.selected, this.outcome);
		this.version++;
		this.selected = null;
		this.syncQueue();
		this.notice = this.online ? t('campaign.saved_online') : t('campaign.saved_offline');
		await this.flush();
	}
}
