// The pure parts of the live map: duplicates dropped and bounded, back-off, Poisson z, the
// incident store's window and retention, the ticker.
import { describe, expect, it } from 'vitest';
import { reconnectDelay } from '../../src/lib/features/live/backoff.ts';
import { ChangeDedupe } from '../../src/lib/features/live/change-dedupe.ts';
import { UpdateCadence } from '../../src/lib/features/live/update-cadence.ts';
import { IncidentStore } from '../../src/lib/features/incidents/incident-store.ts';
import { pushToTicker } from '../../src/lib/features/incidents/ticker.ts';
import type { ChangeEvent, LiveIncident } from '../../src/lib/types/live.ts';

function incident(id: number, time: number, status: LiveIncident['status'] = 'new'): LiveIncident {
	return {
		id,
		code: `J${id}`,
		category: 'traffic',
		status,
		priority: 2,
		summary: '',
		time,
		position: [119.2, 28.5],
		grid_id: 1,
		village_id: 1,
		station_id: 1,
		mediation_status: null
	};
}

function change(id: number, atMs: number): ChangeEvent {
	return {
		id,
		at: new Date(atMs).toISOString(),
		op: 'insert',
		entity_id: id,
		kind: 'incident',
		data: incident(id, atMs / 1000)
	};
}

describe('ChangeDedupe', () => {
	it('applies each change once, in id order, across overlapping replays', () => {
		const d = new ChangeDedupe();
		const t = Date.parse('2026-11-26T08:00:00Z');
		expect(d.fresh([change(2, t + 2), change(1, t + 1)]).map((c) => c.id)).toEqual([1, 2]);
		// a reconnect replays from before the last change it saw
		expect(d.fresh([change(1, t + 1), change(2, t + 2), change(3, t + 3)]).map((c) => c.id)).toEqual([3]);
		expect(d.newestAt).toBe(t + 3);
	});

	it('forgets ids far behind the newest change, so a day-long stream stays bounded', () => {
		const d = new ChangeDedupe();
		const t = Date.parse('2026-11-26T00:00:00Z');
		// ten events a second for an hour
		for (let i = 0; i < 36_000; i += 100) {
			d.fresh(Array.from({ length: 100 }, (_, k) => change(i + k, t + (i + k) * 100)));
		}
		expect(d.size).toBeLessThan(10_000);
	});
});

describe('reconnectDelay', () => {
	it('doubles from about a second to at most thirty, with jitter', () => {
		expect(reconnectDelay(0, () => 1)).toBe(1000);
		expect(reconnectDelay(0, () => 0)).toBe(500);
		expect(reconnectDelay(3, () => 1)).toBe(8000);
		expect(reconnectDelay(20, () => 1)).toBe(30_000);
	});
});

describe('IncidentStore', () => {
	it('updates in place, windows by time and drops what is past retention', () => {
		const s = new IncidentStore(3600);
		s.load({
			id: [1, 2],
			category: ['traffic', 'fraud'],
			status: ['new', 'new'],
			time: [1000, 4000],
			position: [
				[119, 28],
				[119.1, 28.1]
			]
		});
		expect(s.upsert(incident(2, 4000, 'closed'))).toBe(false);
		expect(s.upsert(incident(3, 4500))).toBe(true);
		expect(s.window(3000, 5000)).toMatchObject({ id: [2, 3], status: ['closed', 'new'] });
		expect(s.trim(5000)).toBe(1);
		expect(s.size).toBe(2);
		expect(s.upsert(incident(2, 4000, 'closed'))).toBe(false);
	});
});

describe('pushToTicker', () => {
	it('keeps the newest first, each incident once, up to the limit', () => {
		const list = pushToTicker(
			[incident(1, 10), incident(2, 20)],
			[incident(2, 20, 'dispatched'), incident(3, 30)],
			2
		);
		expect(list.map((i) => [i.id, i.status])).toEqual([
			[3, 'new'],
			[2, 'dispatched']
		]);
	});
});

describe('UpdateCadence', () => {
	it('draws the odd change at once, a pile of changes at a gap that follows the repaint cost', async () => {
		let now = 0;
		const draws: number[] = [];
		const cadence = new UpdateCadence(
			() => draws.push(now),
			() => now
		);
		const tick = () => new Promise((r) => setTimeout(r, 0));
		cadence.request();
		await tick();
		expect(draws).toEqual([0]);
		// 400 ms per repaint: a sparse stream still waits only a second
		cadence.repainted(400);
		now = 1500;
		cadence.request();
		await tick();
		expect(draws).toEqual([0, 1500]);
		expect(cadence.gap).toBe(1000);
		// twenty changes delivered at once (the page was blocked meanwhile): a dense stream,
		// the gap stretches to six repaints (smoothed: 0.7 × 400 + 0.3 × 600 = 460 ms)
		cadence.repainted(600);
		now += 100;
		cadence.request(20);
		expect(cadence.gap).toBe(2760);
		// a slow screen: capped at five seconds
		cadence.repainted(100_000);
		expect(cadence.gap).toBe(5000);
		cadence.cancel();
		// quiet again, but a city on a software renderer: the odd change waits two repaints
		now += 10_000;
		const slow = new UpdateCadence(
			() => {},
			() => now
		);
		slow.repainted(1400);
		expect(slow.gap).toBe(2800);
		slow.repainted(200);
		expect(slow.gap).toBe(2080);
	});
});
