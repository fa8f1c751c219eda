// The command room's wall as state and rules, without a browser: the jurisdiction's data as it
// loads and as the live channel changes it, the period shown, the ticker of the newest incidents
// and those that just arrived, the selected incident, picking a point for a new one, and the tour
// of the stations' areas. command/+page.svelte draws it (the map in WallMap, the panels in
// WallPanels); tests drive it with a fake API and a fake screen.
import type { CampaignGrids } from '$lib/features/campaigns/campaign-api';
import type { ReplayColumns } from '$lib/features/campaigns/campaign-replay';
import { ReplayPlayer } from '$lib/features/campaigns/replay-player.svelte';
import type { CommandRoom, StationArea } from '$lib/features/command/command-room';
import { timeWindow, type TimeMode } from '$lib/features/command/time-window';
import { IncidentStore } from '$lib/features/incidents/incident-store';
import { pushToTicker } from '$lib/features/incidents/ticker';
import type { LiveClient, LiveClientOptions } from '$lib/features/live/live-client';
import { LIVE_INJECT_EVENT } from '$lib/features/live/live-inject';
import { LiveStatus } from '$lib/features/live/live-status.svelte';
import { UpdateCadence } from '$lib/features/live/update-cadence';
import type { IconAtlas } from '$lib/features/policing/icon-atlas';
import { moveOfficers } from '$lib/features/policing/officer-moves';
import { errorMessage } from '$lib/i18n/error-message';
import { t } from '$lib/i18n/locale.svelte';
import { cssColour } from '$lib/map/css-colour';
import { geometryBounds, type Bounds } from '$lib/map/feature-bounds';
import type { MapView } from '$lib/map/url-state';
import type { LayerPayloads, LonLat, OfficerColumns } from '$lib/types/layers';
import type { ChangeEvent, LiveIncident } from '$lib/types/live';
import { CATEGORY_COLOURS } from '$lib/ui/palette';
import type { WallBase } from './command-layers';

type Moving = Pick<LayerPayloads, 'officers' | 'incidents'>;

/** What the wall asks of the server and the live channel (the APIs, or fakes in tests). */
export interface CommandApi {
	/** the officers and incidents afresh, after a gap the live channel could not replay */
	moving(): Promise<Moving>;
	room(): Promise<CommandRoom>;
	connect(options: LiveClientOptions): LiveClient;
}

/** What the page's load started: the frame shows at once, the data as it arrives. */
export interface CommandLoad {
	layers: Promise<WallBase & Moving>;
	room: Promise<CommandRoom>;
	icons: Promise<IconAtlas>;
}

/** What the wall does on its map (WallMap, or a fake in tests); positions and boxes in WGS84. */
export interface WallScreen {
	/** a ring that announces an incident */
	pulse(position: LonLat, colour: string, label: string): void;
	/** the area in view, clear of the panels */
	fitArea(box: Bounds): void;
	/** closer to a point */
	flyTo(position: LonLat): void;
}

/** The categories' colours for the panels and the rings. */
export const CATEGORY_CSS = Object.fromEntries(
	Object.entries(CATEGORY_COLOURS).map(([k, c]) => [k, cssColour(c)])
) as Record<string, string>;

/** a month of incidents stays in memory; older ones leave (the wall runs for days) */
const RETENTION_S = 31 * 86_400;
const TICKER_SIZE = 40;
/** how long a new incident stays marked in the ticker */
const FRESH_MS = 8000;
const TOUR_STOP_MS = 12_000;
const CLOCK_MS = 30_000;
const NOTICE_MS = 5000;
const SELECTED_COLOUR = '#60a5fa';
// Headline figures and the register follow the changes a few seconds behind, and at most every
// 15 s: on a city they cost the database a second, and a busy night is no reason to recount
// every few seconds.
const ROOM_QUIET_MS = 3000;
const ROOM_EVERY_MS = 15_000;

const seconds = () => Math.floor(Date.now() / 1000);

export class CommandPage {
	base = $state.raw<WallBase | null>(null);
	/** the followed campaign's doors replayed day by day over the map, while shown */
	replay = $state.raw<ReplayPlayer | null>(null);
	icons = $state.raw<IconAtlas | null>(null);
	officers = $state.raw<OfficerColumns | null>(null);
	room = $state.raw<CommandRoom | null>(null);
	loadError = $state<string | null>(null);
	notice = $state<string | null>(null);
	/** the connection's state and history, and when each new incident was on screen */
	readonly live = new LiveStatus();

	/** not state: `storeVersion` says when it changed */
	readonly store = new IncidentStore(RETENTION_S);
	storeVersion = $state(0);
	/** the wall's clock, epoch seconds, ticking every 30 s */
	now = $state(seconds());
	mode = $state<TimeMode>({ kind: 'period', period: '24h' });
	ticker = $state.raw<LiveIncident[]>([]);
	/** the incidents that just arrived, marked in the ticker for a few seconds */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced whole, never mutated
	fresh = $state.raw<Set<number>>(new Set());
	selected = $state<LiveIncident | null>(null);
	intakeOpen = $state(false);
	/** the next click on the map gives the new incident's place */
	picking = $state(false);
	picked = $state<LonLat | null>(null);
	/** where the incident being recorded is, drawn on the map */
	intakePoint = $state<LonLat | null>(null);
	view = $state<MapView | null>(null);
	touring = $state(false);
	tourStop = $state(-1);
	/** the right panel: the newest incidents, or the dispute register */
	showRegister = $state(false);
	/** the red rings as drawn: they change with the register, at the next live draw */
	overduePositions = $state.raw<LonLat[]>([]);

	#client: LiveClient | null = null;
	#clock: ReturnType<typeof setInterval> | undefined;
	#tourTimer: ReturnType<typeof setInterval> | undefined;
	#noticeTimer: ReturnType<typeof setTimeout> | undefined;
	#roomTimer: ReturnType<typeof setTimeout> | undefined;
	#roomAt = 0;
	// what the live changes brought since the last draw (not state: drawn by the cadence)
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- drained into `officers` (state) when drawn
	readonly #pendingOfficers = new Map<number, LonLat | null>();
	#pendingOverdue: LonLat[] | null = null;
	#incoming: LiveIncident[] = [];
	#arrivedSinceDraw: LiveIncident[] = [];
	/** Draws what the live changes brought: at once after a quiet spell, else once per gap. */
	readonly #cadence = new UpdateCadence(() => this.#draw());

	/** `report`: where an error goes besides the page (the map's status) */
	constructor(
		private readonly api: CommandApi,
		private readonly screen: WallScreen,
		private readonly report: (message: string) => void = () => {}
	) {}

	readonly window = $derived(timeWindow(this.mode, this.now));
	readonly shownIncidents = $derived(
		this.storeVersion >= 0 ? this.store.window(this.window.from, this.window.to) : this.store.window(0, 0)
	);
	readonly tickerShown = $derived(
		this.ticker.filter((i) => i.time >= this.window.from && i.time < this.window.to)
	);
	readonly overdue = $derived(this.room?.disputes.filter((d) => d.overdue) ?? []);
	readonly zoom = $derived(this.view?.zoom ?? 9);
	readonly tourStation = $derived<StationArea | null>(
		this.touring && this.room && this.tourStop >= 0 ? (this.room.stations[this.tourStop] ?? null) : null
	);
	/**
	 * Where the wall opens: the user's own jurisdiction, the areas of the stations they may read (a
	 * head's one station, a command room's county), not every county's outline, which all users
	 * can read; the counties only when no station is theirs.
	 */
	readonly openingBox = $derived.by((): Bounds | null => {
		if (!this.base || !this.room) return null;
		const boxes =
			this.room.stations.length > 0
				? this.room.stations.map((s) => s.bbox)
				: this.base.counties.features.map((f) => geometryBounds(f.geometry));
		if (boxes.length === 0) return null;
		return boxes.reduce((a, b) => [
			Math.min(a[0], b[0]),
			Math.min(a[1], b[1]),
			Math.max(a[2], b[2]),
			Math.max(a[3], b[3])
		]);
	});

	#fail(e: unknown): void {
		this.loadError = errorMessage(e);
		this.report(this.loadError);
	}

	announce(message: string): void {
		this.notice = message;
		clearTimeout(this.#noticeTimer);
		this.#noticeTimer = setTimeout(() => (this.notice = null), NOTICE_MS);
	}

	/** The load's parts as they arrive. */
	open(load: CommandLoad): void {
		// the symbols with the layers, so the frame that draws the data has them
		Promise.all([load.layers, load.icons]).then(
			([l, i]) => {
				this.icons = i;
				this.base = {
					counties: l.counties,
					townships: l.townships,
					villages: l.villages,
					stations: l.stations,
					posts: l.posts
				};
				this.officers = l.officers;
				this.store.load(l.incidents);
				this.storeVersion = this.store.version;
			},
			(e) => this.#fail(e)
		);
		load.room.then(
			(r) => {
				this.#setRoom(r);
				this.ticker = pushToTicker([], r.recent, TICKER_SIZE);
			},
			(e) => this.#fail(e)
		);
	}

	/** The live channel, and the clock that moves the period on and lets old incidents go. */
	start(): void {
		this.#client = this.api.connect({
			onChanges: (changes) => this.applyChanges(changes),
			onState: (s) => this.live.record(s),
			onReload: () => this.reload()
		});
		this.#clock = setInterval(() => {
			this.now = seconds();
			if (this.store.trim(this.now) > 0) this.storeVersion = this.store.version;
		}, CLOCK_MS);
	}

	dispose(): void {
		this.replay?.dispose();
		this.#client?.close();
		clearInterval(this.#clock);
		clearInterval(this.#tourTimer);
		clearTimeout(this.#roomTimer);
		clearTimeout(this.#noticeTimer);
		this.#cadence.cancel();
	}

	/** After a long disconnection the server cannot replay everything: load afresh. */
	async reload(): Promise<void> {
		try {
			const [l, r] = await Promise.all([this.api.moving(), this.api.room()]);
			this.officers = l.officers;
			this.store.load(l.incidents);
			this.storeVersion = this.store.version;
			this.#setRoom(r);
			this.ticker = pushToTicker([], r.recent, TICKER_SIZE);
			this.announce(t('live.reloaded'));
		} catch (e) {
			this.#fail(e);
		}
	}

	/** The red rings follow the register with the next live draw (not a repaint of their own). */
	#setRoom(room: CommandRoom): void {
		this.room = room;
		const next = room.disputes.filter((d) => d.overdue).map((d) => d.position);
		const drawn = this.overduePositions;
		if (next.length === drawn.length && next.every((p, i) => p[0] === drawn[i][0] && p[1] === drawn[i][1]))
			return;
		this.#pendingOverdue = next;
		this.#cadence.request();
	}

	#refreshRoomSoon(): void {
		if (this.#roomTimer) return;
		this.#roomTimer = setTimeout(
			async () => {
				this.#roomAt = Date.now();
				try {
					this.#setRoom(await this.api.room());
				} catch (e) {
					this.report(errorMessage(e));
				} finally {
					this.#roomTimer = undefined;
				}
			},
			Math.max(ROOM_QUIET_MS, this.#roomAt + ROOM_EVERY_MS - Date.now())
		);
	}

	/** Takes changes into the data at once; what the screen shows follows at the cadence. */
	applyChanges(changes: ChangeEvent[]): void {
		for (const c of changes) {
			if (c.kind === 'incident') {
				if (this.store.upsert(c.data)) this.#arrivedSinceDraw.push(c.data);
				this.#incoming.push(c.data);
				if (this.selected?.id === c.data.id) this.selected = c.data;
			} else if (c.kind === 'officer') {
				this.#pendingOfficers.set(c.data.id, c.data.status === 'active' ? c.data.position : null);
			}
		}
		if (this.#incoming.length > 0 || this.#pendingOfficers.size > 0) this.#cadence.request(changes.length);
		this.live.applied += changes.length;
	}

	/** Changes dispatched on the room (LIVE_INJECT_EVENT) take the live channel's path: soak runs. */
	readonly acceptInjected = (room: EventTarget): (() => void) => {
		const take = (e: Event) => this.applyChanges((e as CustomEvent<ChangeEvent[]>).detail);
		room.addEventListener(LIVE_INJECT_EVENT, take);
		return () => room.removeEventListener(LIVE_INJECT_EVENT, take);
	};

	#draw(): void {
		this.storeVersion = this.store.version;
		if (this.#pendingOfficers.size > 0) {
			if (this.officers) this.officers = moveOfficers(this.officers, this.#pendingOfficers);
			this.#pendingOfficers.clear();
		}
		if (this.#pendingOverdue) {
			this.overduePositions = this.#pendingOverdue;
			this.#pendingOverdue = null;
		}
		if (this.#incoming.length > 0) {
			this.ticker = pushToTicker(this.ticker, this.#incoming, TICKER_SIZE);
			this.#incoming = [];
			this.#refreshRoomSoon();
		}
		const arrived = this.#arrivedSinceDraw;
		this.#arrivedSinceDraw = [];
		if (arrived.length === 0) return;
		// rings announce the odd new incident; in a burst they would be noise on the wall (and
		// each animating element makes the software compositor redraw the whole screen)
		if (arrived.length <= 2)
			for (const i of arrived)
				this.screen.pulse(i.position, CATEGORY_CSS[i.category], t(`incident.${i.category}`));
		const ids = arrived.map((i) => i.id);
		// the sets are replaced whole ($state.raw), never mutated
		/* eslint-disable svelte/prefer-svelte-reactivity */
		this.fresh = new Set([...this.fresh, ...ids]);
		setTimeout(() => {
			const gone = new Set(ids);
			this.fresh = new Set([...this.fresh].filter((id) => !gone.has(id)));
		}, FRESH_MS);
		/* eslint-enable svelte/prefer-svelte-reactivity */
		this.live.recordShown(ids);
	}

	/** How many features the map holds (the map status the browser tests read); null before the data. */
	figures(): Record<string, number> | null {
		if (!this.base) return null;
		return {
			villages: this.base.villages.features.length,
			stations: this.base.stations.id.length,
			officers: this.officers?.id.length ?? 0,
			incidents: this.store.size
		};
	}

	/** A click on the map while picking: the new incident's place (WGS84, to the micro-degree). */
	pickAt([lon, lat]: LonLat): void {
		if (!this.picking) return;
		this.picked = [Number(lon.toFixed(6)), Number(lat.toFixed(6))];
		this.picking = false;
	}

	/** Escape backs out of one thing: picking, then the selected incident, then the intake form. */
	/** Shows a campaign's doors replayed over the map, from its last day. */
	openReplay(load: () => Promise<ReplayColumns>, grids: () => Promise<CampaignGrids>): void {
		this.closeReplay();
		this.replay = new ReplayPlayer(load, grids);
		void this.replay.open();
	}

	closeReplay(): void {
		this.replay?.dispose();
		this.replay = null;
	}

	escape(): void {
		if (this.picking) this.picking = false;
		else if (this.selected) this.selected = null;
		else if (this.intakeOpen) this.intakeOpen = false;
		else if (this.replay) this.closeReplay();
	}

	closeIntake(): void {
		this.intakeOpen = false;
		this.picking = false;
		this.intakePoint = null;
	}

	/** An incident picked in the ticker (which stops the tour); an overdue dispute not in it is only flown to. */
	selectFromTicker(id: number, position: LonLat): void {
		if (this.overdue.some((o) => o.id === id) && !this.ticker.some((i) => i.id === id)) {
			this.screen.flyTo(position);
			return;
		}
		this.touring = false;
		clearInterval(this.#tourTimer);
		this.screen.flyTo(position);
		const found = this.ticker.find((i) => i.id === id) ?? null;
		this.selected = found;
		this.screen.pulse(position, SELECTED_COLOUR, found?.code ?? '');
	}

	/** The selected incident's status changed on this wall. */
	statusChanged(incident: LiveIncident): void {
		this.selected = incident;
		this.ticker = pushToTicker(this.ticker, [incident], TICKER_SIZE);
		if (this.store.upsert(incident)) this.#arrivedSinceDraw.push(incident);
		this.#cadence.request();
		this.announce(
			t('incident.status_changed', { code: incident.code, status: t(`status.${incident.status}`) })
		);
		this.#refreshRoomSoon();
	}

	recorded(incident: LiveIncident): void {
		// the live channel brings it too; applying it here first keeps the recorder's own screen instant
		this.applyChanges([
			{
				id: -incident.id,
				// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp, not state
				at: new Date().toISOString(),
				op: 'insert',
				entity_id: incident.id,
				kind: 'incident',
				data: incident
			}
		]);
		this.announce(t('intake.recorded', { code: incident.code }));
	}

	/** The tour: each station's area in turn, 12 s each, from the one after the last shown. */
	toggleTour(): void {
		this.touring = !this.touring;
		clearInterval(this.#tourTimer);
		if (!this.touring || !this.room || this.room.stations.length === 0) return;
		const go = () => {
			if (!this.room) return;
			this.tourStop = (this.tourStop + 1) % this.room.stations.length;
			this.screen.fitArea(this.room.stations[this.tourStop].bbox);
		};
		go();
		this.#tourTimer = setInterval(go, TOUR_STOP_MS);
	}
}
