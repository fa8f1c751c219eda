// The command wall's logic without a browser: the period decides which incidents show, the ticker
// keeps the newest 40, new incidents are marked for a few seconds and ring only when few, the
// figures follow changes at most every 15 s, a live gap reloads the data, the tour steps through
// the stations' areas, a click picks the new incident's place, and old incidents leave.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IconAtlas } from '../../src/lib/features/policing/icon-atlas.ts';
import type { LiveClientOptions } from '../../src/lib/features/live/live-client.ts';
import { LIVE_INJECT_EVENT } from '../../src/lib/features/live/live-inject.ts';
import { t } from '../../src/lib/i18n/locale.svelte.ts';
import type { Bounds } from '../../src/lib/map/feature-bounds.ts';
import type { CommandKpis, CommandRoom, DisputeEntry } from '../../src/lib/types/command.ts';
import type { IncidentCategory } from '../../src/lib/types/domain.ts';
import type { IncidentColumns, LonLat, OfficerColumns } from '../../src/lib/types/layers.ts';
import type { ChangeEvent, LiveIncident } from '../../src/lib/types/live.ts';
import {
	CATEGORY_CSS,
	CommandPage,
	type CommandApi,
	type CommandLoad
} from '../../src/routes/(app)/command/command-page.svelte.ts';

/** 2 November 2026, 12:00 in China */
const NOW_MS = Date.UTC(2026, 10, 2, 4, 0, 0);
const NOW = NOW_MS / 1000;
const HOUR = 3600;
const DAY = 86_400;

const incident = (id: number, age: number, category: IncidentCategory = 'fraud'): LiveIncident => ({
	id,
	code: `JQ-${id}`,
	category,
	status: 'new',
	priority: 2,
	summary: `警情${id}`,
	time: NOW - age,
	position: [119 + id / 1000, 28.5],
	grid_id: 1,
	village_id: 1,
	station_id: 1,
	mediation_status: null
});

const columns = (incidents: LiveIncident[]): IncidentColumns => ({
	id: incidents.map((i) => i.id),
	category: incidents.map((i) => i.category),
	status: incidents.map((i) => i.status),
	time: incidents.map((i) => i.time),
	position: incidents.map((i) => i.position)
});

const officers = (positions: LonLat[]): OfficerColumns => ({
	id: positions.map((_, i) => i + 1),
	name: positions.map((_, i) => `警官${i + 1}`),
	kind: positions.map(() => 'police'),
	station_id: positions.map(() => 1),
	position: positions
});

const square = (w: number, s: number, e: number, n: number) => ({
	type: 'MultiPolygon' as const,
	coordinates: [
		[
			[
				[w, s],
				[e, s],
				[e, n],
				[w, n],
				[w, s]
			]
		]
	]
});

function layers(incidents: LiveIncident[]): Awaited<CommandLoad['layers']> {
	const area = (geometry: ReturnType<typeof square>) => ({ type: 'Feature', geometry, properties: {} });
	return {
		counties: {
			type: 'FeatureCollection',
			features: [area(square(118, 28, 119, 29)), area(square(119, 28.2, 120, 29.5))]
		},
		townships: { type: 'FeatureCollection', features: [] },
		villages: { type: 'FeatureCollection', features: [area(square(118, 28, 118.1, 28.1))] },
		stations: { id: [1, 2, 3], name: ['甲', '乙', '丙'], position: [] },
		posts: { id: [], name: [], kind: [], station_id: [], position: [] },
		officers: officers([
			[119, 28],
			[119.5, 28.5]
		]),
		incidents: columns(incidents)
	} as unknown as Awaited<CommandLoad['layers']>;
}

const dispute = (id: number, overdue: boolean, position: LonLat): DisputeEntry => ({
	id,
	code: `JQ-${id}`,
	summary: '',
	status: 'dispatched',
	mediation_status: null,
	time: NOW - DAY,
	due: NOW - (overdue ? HOUR : -HOUR),
	owner: null,
	village: null,
	overdue,
	position
});

const STATIONS = [
	{ id: 1, name: '妙高派出所', bbox: [119, 28, 119.2, 28.2] as Bounds },
	{ id: 2, name: '云峰派出所', bbox: [119.2, 28.1, 119.4, 28.4] as Bounds },
	{ id: 3, name: '北界派出所', bbox: [118.8, 28.3, 119.1, 28.6] as Bounds }
];

const room = (recent: LiveIncident[], more: Partial<CommandRoom> = {}): CommandRoom => ({
	kpis: {} as CommandKpis,
	disputes: [],
	recent,
	stations: [],
	...more
});

const arrives = (i: LiveIncident, op: 'insert' | 'update' = 'insert'): ChangeEvent => ({
	id: i.id,
	at: new Date().toISOString(),
	op,
	entity_id: i.id,
	kind: 'incident',
	data: i
});

function fake(first: CommandRoom) {
	const calls = { room: 0, moving: 0, closed: 0 };
	const answers = {
		room: first,
		moving: { officers: officers([]), incidents: columns([]) } as Awaited<ReturnType<CommandApi['moving']>>,
		fail: null as Error | null
	};
	const live: { options: LiveClientOptions | null } = { options: null };
	const api: CommandApi = {
		moving: async () => {
			calls.moving++;
			if (answers.fail) throw answers.fail;
			return answers.moving;
		},
		room: async () => (calls.room++, answers.room),
		connect: (options) => {
			live.options = options;
			return { close: () => void calls.closed++, applied: 0 };
		}
	};
	const seen = { pulses: [] as [LonLat, string, string][], fits: [] as Bounds[], flights: [] as LonLat[] };
	const screen = {
		pulse: (position: LonLat, colour: string, label: string) => seen.pulses.push([position, colour, label]),
		fitArea: (box: Bounds) => seen.fits.push(box),
		flyTo: (position: LonLat) => seen.flights.push(position)
	};
	return { api, screen, calls, answers, live, seen };
}

/** A wall opened on `incidents` and `first`, its live channel connected; `draw`: and drawn. */
async function opened(incidents: LiveIncident[], first: CommandRoom, draw = true) {
	const f = fake(first);
	const reported: string[] = [];
	const command = new CommandPage(f.api, f.screen, (m) => reported.push(m));
	command.open({
		layers: Promise.resolve(layers(incidents)),
		room: Promise.resolve(first),
		icons: Promise.resolve({} as IconAtlas)
	});
	command.start();
	// the load's answers arrive; the timers (the draw) run only when asked to
	for (let i = 0; i < 3; i++) await Promise.resolve();
	if (draw) await vi.advanceTimersByTimeAsync(0);
	return { command, reported, ...f };
}

describe('the command wall', () => {
	beforeEach(() => {
		// LiveStatus notes when an incident was painted, two animation frames after its draw
		vi.stubGlobal('requestAnimationFrame', (cb: (at: number) => void) => setTimeout(() => cb(0), 16));
		vi.useFakeTimers({ now: NOW_MS });
	});
	afterEach(() => {
		vi.useRealTimers();
		vi.unstubAllGlobals();
	});

	it('shows the incidents of the period chosen, or of a day played back up to its cursor', async () => {
		const recent = [incident(1, HOUR), incident(2, 3 * DAY), incident(3, 10 * DAY)];
		const { command } = await opened(recent, room(recent));
		expect(command.shownIncidents.id).toEqual([1]);
		expect(command.tickerShown.map((i) => i.id)).toEqual([1]);
		command.mode = { kind: 'period', period: '7d' };
		expect(command.shownIncidents.id).toEqual([1, 2]);
		command.mode = { kind: 'period', period: '30d' };
		expect(command.shownIncidents.id).toEqual([1, 2, 3]);
		expect(command.tickerShown.map((i) => i.id)).toEqual([1, 2, 3]);

		// the day of incident 2, from midnight to the hour before it happened, then past it
		const day = NOW - 3 * DAY - 12 * HOUR;
		command.mode = { kind: 'playback', day, cursor: 11 * HOUR };
		expect(command.shownIncidents.id).toEqual([]);
		command.mode = { kind: 'playback', day, cursor: 12 * HOUR + 1 };
		expect(command.shownIncidents.id).toEqual([2]);
		expect(command.tickerShown.map((i) => i.id)).toEqual([2]);
	});

	it('keeps the newest 40 incidents in the ticker, each once, and shows arrivals at the next draw', async () => {
		const recent = Array.from({ length: 50 }, (_, k) => incident(k + 1, (k + 1) * 60));
		const { command, live } = await opened([], room(recent));
		expect(command.ticker).toHaveLength(40);
		expect(command.ticker[0].id).toBe(1);
		expect(command.ticker.at(-1)?.id).toBe(40);

		const newest = incident(100, 0);
		live.options?.onChanges([arrives(newest), arrives({ ...recent[0], status: 'closed' }, 'update')]);
		expect(command.ticker[0].id).toBe(1);
		await vi.advanceTimersByTimeAsync(0);
		expect(command.ticker).toHaveLength(40);
		expect(command.ticker.slice(0, 3).map((i) => [i.id, i.status])).toEqual([
			[100, 'new'],
			[1, 'closed'],
			[2, 'new']
		]);
		expect(command.ticker.filter((i) => i.id === 1)).toHaveLength(1);
		expect(command.live.applied).toBe(2);
	});

	it('marks new incidents for eight seconds, rings the odd one but not a burst, and notes when each was painted', async () => {
		const { command, live, seen } = await opened([], room([]));
		live.options?.onChanges([arrives(incident(7, 0, 'dispute'))]);
		await vi.advanceTimersByTimeAsync(0);
		expect([...command.fresh]).toEqual([7]);
		expect(seen.pulses).toEqual([[incident(7, 0).position, CATEGORY_CSS.dispute, t('incident.dispute')]]);
		await vi.advanceTimersByTimeAsync(100);
		expect(command.live.shown[7]).toBeGreaterThan(0);

		live.options?.onChanges([arrives(incident(8, 0)), arrives(incident(9, 0)), arrives(incident(10, 0))]);
		// the next draw waits a second after the last
		await vi.advanceTimersByTimeAsync(1000);
		expect(seen.pulses).toHaveLength(1);
		expect([...command.fresh].sort((a, b) => a - b)).toEqual([7, 8, 9, 10]);
		await vi.advanceTimersByTimeAsync(8000 - 1100 - 1);
		expect(command.fresh.has(7)).toBe(true);
		await vi.advanceTimersByTimeAsync(1);
		expect([...command.fresh].sort((a, b) => a - b)).toEqual([8, 9, 10]);
		await vi.advanceTimersByTimeAsync(1000);
		expect(command.fresh.size).toBe(0);

		// a change to an incident the wall holds is no arrival
		live.options?.onChanges([arrives({ ...incident(8, 0), status: 'closed' }, 'update')]);
		await vi.advanceTimersByTimeAsync(5000);
		expect(command.fresh.size).toBe(0);
		expect(seen.pulses).toHaveLength(1);
	});

	it('recounts the figures 3 s after a change, and then at most every 15 s', async () => {
		const { command, live, calls, answers } = await opened([], room([]));
		expect(calls.room).toBe(0);
		live.options?.onChanges([arrives(incident(1, 0))]);
		await vi.advanceTimersByTimeAsync(2999);
		expect(calls.room).toBe(0);
		answers.room = room([], { disputes: [dispute(50, true, [119.1, 28.1])] });
		await vi.advanceTimersByTimeAsync(1);
		expect(calls.room).toBe(1);
		expect(command.room?.disputes).toHaveLength(1);

		live.options?.onChanges([arrives(incident(2, 0))]);
		await vi.advanceTimersByTimeAsync(3000);
		expect(calls.room).toBe(1);
		// 15 s after the last recount began (t = 3 s), the next
		await vi.advanceTimersByTimeAsync(18_000 - 6000 - 1);
		expect(calls.room).toBe(1);
		await vi.advanceTimersByTimeAsync(1);
		expect(calls.room).toBe(2);
	});

	it('draws the overdue rings with the next live draw, and only when they changed', async () => {
		const first = room([], {
			disputes: [dispute(50, true, [119.1, 28.1]), dispute(51, false, [119.2, 28.2])]
		});
		const { command, live, answers, calls } = await opened([], first, false);
		expect(command.overdue.map((d) => d.id)).toEqual([50]);
		expect(command.overduePositions).toEqual([]);
		await vi.advanceTimersByTimeAsync(0);
		expect(command.overduePositions).toEqual([[119.1, 28.1]]);
		const drawn = command.overduePositions;

		// the recount (drawn at 1 s, counted 3 s later) finds the same overdue disputes: the rings
		// are left as drawn
		answers.room = room([], { disputes: [dispute(50, true, [119.1, 28.1])] });
		live.options?.onChanges([arrives(incident(1, 0))]);
		await vi.advanceTimersByTimeAsync(5000);
		expect(calls.room).toBe(1);
		expect(command.overduePositions).toBe(drawn);

		answers.room = room([], {
			disputes: [dispute(50, true, [119.1, 28.1]), dispute(51, true, [119.2, 28.2])]
		});
		live.options?.onChanges([arrives(incident(2, 0))]);
		await vi.advanceTimersByTimeAsync(16_000);
		expect(calls.room).toBe(2);
		expect(command.overduePositions).toEqual([
			[119.1, 28.1],
			[119.2, 28.2]
		]);
	});

	it('moves officers as they report, at the next draw', async () => {
		const { command, live } = await opened([], room([]));
		live.options?.onChanges([
			{
				id: 9,
				at: new Date().toISOString(),
				op: 'update',
				entity_id: 2,
				kind: 'officer',
				data: {
					id: 2,
					name: '警官2',
					kind: 'police',
					station_id: 1,
					status: 'active',
					position: [119.7, 28.7],
					at: new Date().toISOString()
				}
			}
		]);
		expect(command.officers?.position[1]).toEqual([119.5, 28.5]);
		await vi.advanceTimersByTimeAsync(0);
		expect(command.officers?.position).toEqual([
			[119, 28],
			[119.7, 28.7]
		]);
	});

	it('reloads officers, incidents and the room after a gap the live channel could not replay', async () => {
		const old = [incident(1, HOUR), incident(2, 2 * HOUR)];
		const { command, live, calls, answers } = await opened(old, room(old));
		const fresh = [incident(5, 10 * 60), incident(6, 20 * 60), incident(7, 30 * 60)];
		answers.moving = { officers: officers([[120, 29]]), incidents: columns(fresh) };
		answers.room = room(fresh.slice(0, 2));
		live.options?.onReload?.();
		await vi.advanceTimersByTimeAsync(0);
		expect([calls.moving, calls.room]).toEqual([1, 1]);
		expect(command.shownIncidents.id).toEqual([5, 6, 7]);
		expect(command.ticker.map((i) => i.id)).toEqual([5, 6]);
		expect(command.officers?.id).toEqual([1]);
		expect(command.notice).toBe(t('live.reloaded'));
		await vi.advanceTimersByTimeAsync(5000);
		expect(command.notice).toBeNull();
	});

	it('says why a reload or the load failed, on the page and in the map status', async () => {
		const { command, live, answers, reported } = await opened([], room([]));
		answers.fail = new Error('timeout');
		live.options?.onReload?.();
		await vi.advanceTimersByTimeAsync(0);
		expect(command.loadError).toBe('timeout');
		expect(reported).toEqual(['timeout']);

		const failing = new CommandPage(fake(room([])).api, fake(room([])).screen);
		failing.open({
			layers: Promise.reject(Object.assign(new Error('x'), { key: 'network' })),
			room: new Promise(() => {}),
			icons: Promise.resolve({} as IconAtlas)
		});
		await vi.advanceTimersByTimeAsync(0);
		expect(failing.loadError).toBe(t('error.network'));
		expect(failing.figures()).toBeNull();
	});

	it("tours the stations' areas every 12 s, and stops when an incident is picked in the ticker", async () => {
		const recent = [incident(1, HOUR)];
		const { command, seen } = await opened(recent, room(recent, { stations: STATIONS }));
		command.toggleTour();
		expect(seen.fits).toEqual([STATIONS[0].bbox]);
		expect(command.tourStation?.name).toBe('妙高派出所');
		await vi.advanceTimersByTimeAsync(12_000);
		expect(command.tourStation?.name).toBe('云峰派出所');
		await vi.advanceTimersByTimeAsync(24_000);
		expect(seen.fits).toEqual([STATIONS[0].bbox, STATIONS[1].bbox, STATIONS[2].bbox, STATIONS[0].bbox]);

		command.selectFromTicker(1, recent[0].position);
		expect(command.touring).toBe(false);
		expect(command.tourStation).toBeNull();
		expect(command.selected?.id).toBe(1);
		expect(seen.flights).toEqual([recent[0].position]);
		expect(seen.pulses).toEqual([[recent[0].position, '#60a5fa', 'JQ-1']]);
		await vi.advanceTimersByTimeAsync(60_000);
		expect(seen.fits).toHaveLength(4);

		// started again, it goes on from the next station
		command.toggleTour();
		expect(seen.fits.at(-1)).toEqual(STATIONS[1].bbox);
		command.toggleTour();
		await vi.advanceTimersByTimeAsync(60_000);
		expect(seen.fits).toHaveLength(5);
	});

	it('keeps the selected incident as the live channel changes it', async () => {
		const recent = [incident(1, HOUR), incident(2, 2 * HOUR)];
		const { command, live } = await opened(recent, room(recent));
		command.selectFromTicker(1, recent[0].position);
		live.options?.onChanges([
			arrives({ ...recent[1], status: 'closed' }, 'update'),
			arrives({ ...recent[0], status: 'on_scene' }, 'update')
		]);
		expect(command.selected).toMatchObject({ id: 1, status: 'on_scene' });
	});

	it('only flies to an overdue dispute that is not in the ticker', async () => {
		const recent = [incident(1, HOUR)];
		const { command, seen } = await opened(
			recent,
			room(recent, { stations: STATIONS, disputes: [dispute(50, true, [119.1, 28.1])] })
		);
		command.toggleTour();
		command.selectFromTicker(50, [119.1, 28.1]);
		expect(seen.flights).toEqual([[119.1, 28.1]]);
		expect(command.selected).toBeNull();
		expect(command.touring).toBe(true);
		expect(seen.pulses).toEqual([]);
		command.dispose();
	});

	it('a tour without stations shows none', async () => {
		const { command, seen } = await opened([], room([]));
		command.toggleTour();
		expect(command.touring).toBe(true);
		expect(command.tourStation).toBeNull();
		await vi.advanceTimersByTimeAsync(30_000);
		expect(seen.fits).toEqual([]);
	});

	it("picks the new incident's place with one click, and Escape backs out one step at a time", async () => {
		const recent = [incident(1, HOUR)];
		const { command } = await opened(recent, room(recent));
		command.pickAt([119.123456789, 28.987654321]);
		expect(command.picked).toBeNull();
		command.intakeOpen = true;
		command.picking = true;
		command.pickAt([119.123456789, 28.987654321]);
		expect(command.picked).toEqual([119.123457, 28.987654]);
		expect(command.picking).toBe(false);

		command.picking = true;
		command.selectFromTicker(1, recent[0].position);
		command.escape();
		expect([command.picking, command.selected?.id, command.intakeOpen]).toEqual([false, 1, true]);
		command.escape();
		expect([command.selected, command.intakeOpen]).toEqual([null, true]);
		command.escape();
		expect(command.intakeOpen).toBe(false);

		command.intakeOpen = true;
		command.picking = true;
		command.intakePoint = [119, 28];
		command.closeIntake();
		expect([command.intakeOpen, command.picking, command.intakePoint]).toEqual([false, false, null]);
	});

	it('shows a recorded incident at once and a changed status in the ticker, with a notice each', async () => {
		const { command, calls } = await opened([], room([]));
		const mine = incident(30, 0, 'public_order');
		command.recorded(mine);
		expect(command.notice).toBe(t('intake.recorded', { code: 'JQ-30' }));
		await vi.advanceTimersByTimeAsync(0);
		expect(command.ticker.map((i) => i.id)).toEqual([30]);
		expect(command.fresh.has(30)).toBe(true);
		expect(command.shownIncidents.id).toEqual([30]);

		const dispatched = { ...mine, status: 'dispatched' as const };
		command.statusChanged(dispatched);
		expect(command.selected).toEqual(dispatched);
		expect(command.ticker.map((i) => i.status)).toEqual(['dispatched']);
		expect(command.notice).toBe(
			t('incident.status_changed', { code: 'JQ-30', status: t('status.dispatched') })
		);
		await vi.advanceTimersByTimeAsync(3000);
		expect(calls.room).toBe(1);
	});

	it('opens on the stations the user may read, else on the counties', async () => {
		const withStations = await opened([], room([], { stations: STATIONS }));
		expect(withStations.command.openingBox).toEqual([118.8, 28, 119.4, 28.6]);
		const countyOnly = await opened([], room([]));
		expect(countyOnly.command.openingBox).toEqual([118, 28, 120, 29.5]);
		expect(new CommandPage(fake(room([])).api, fake(room([])).screen).openingBox).toBeNull();
	});

	it('lets incidents older than a month go as the clock moves on', async () => {
		const { command } = await opened([incident(1, 31 * DAY - 20), incident(2, HOUR)], room([]));
		expect(command.figures()).toMatchObject({ villages: 1, stations: 3, officers: 2, incidents: 2 });
		await vi.advanceTimersByTimeAsync(30_000);
		expect(command.figures()?.incidents).toBe(1);
		expect(command.now).toBe(NOW + 30);
	});

	it('takes changes dispatched on the room element as if the live channel brought them', async () => {
		const { command } = await opened([], room([]));
		const element = new EventTarget();
		const detach = command.acceptInjected(element);
		const send = () =>
			element.dispatchEvent(new CustomEvent(LIVE_INJECT_EVENT, { detail: [arrives(incident(40, 0))] }));
		send();
		expect(command.live.applied).toBe(1);
		detach();
		send();
		expect(command.live.applied).toBe(1);
	});

	it('closes the live channel and stops its timers when it goes', async () => {
		const { command, calls, live } = await opened([], room([], { stations: STATIONS }));
		command.toggleTour();
		live.options?.onChanges([arrives(incident(1, 0))]);
		command.dispose();
		expect(calls.closed).toBe(1);
		const shown = command.ticker;
		await vi.advanceTimersByTimeAsync(60_000);
		expect(command.ticker).toBe(shown);
		expect(calls.room).toBe(0);
	});
});
