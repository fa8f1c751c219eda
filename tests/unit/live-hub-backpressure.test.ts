// The live channel under a client that stops reading: it is dropped once MAX_UNREAD_BYTES are
// waiting for it, and what it held is let go, while a client that reads receives every event. A
// stream that ends any other way leaves the hub too, with its heartbeat.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveHub, MAX_UNREAD_BYTES } from '../../src/lib/server/live/hub.ts';
import type { Claims, DataPort } from '../../src/lib/server/db/port.ts';
import type { ChangeEvent, ChangesSince } from '../../src/lib/types/live.ts';

const claims: Claims = { sub: 'command', role: 'authenticated' };
/** ~4 KB per change, so the cap is reached in a few dozen batches */
const SUMMARY = '警'.repeat(1300);

function change(id: number): ChangeEvent {
	return {
		id,
		at: new Date(1_800_000_000_000 + id).toISOString(),
		op: 'insert',
		entity_id: id,
		kind: 'incident',
		data: {
			id,
			code: `J${id}`,
			category: 'traffic',
			status: 'new',
			priority: 2,
			summary: SUMMARY,
			time: 1_800_000_000,
			position: [119.2, 28.5],
			grid_id: 1,
			village_id: 1,
			station_id: 1,
			mediation_status: null
		}
	};
}

/** A database that announces ids on demand and reads back one change per id. */
function fakeDb(replay: ChangeEvent[] = []) {
	let announce: (payload: string) => void = () => {};
	const db = {
		transport: 'pglite',
		async listen(_channel: string, handler: (payload: string) => void) {
			announce = handler;
			return async () => {};
		},
		async call(fn: string, args: { ids?: number[] }) {
			if (fn === 'changes_by_ids') return (args.ids ?? []).map(change);
			if (fn === 'changes_since')
				return { changes: replay, truncated: false, now: new Date().toISOString() } satisfies ChangesSince;
			throw new Error(`unexpected ${fn}`);
		},
		async close() {}
	} as unknown as DataPort;
	return { db, announce: (id: number) => announce(String(id)) };
}

/** A client that reads everything as it comes. */
function reader(stream: ReadableStream<Uint8Array>) {
	const r = stream.getReader();
	const decoder = new TextDecoder();
	const state = { text: '', done: false, error: null as unknown };
	void (async () => {
		try {
			for (;;) {
				const { done, value } = await r.read();
				if (done) break;
				state.text += decoder.decode(value, { stream: true });
			}
		} catch (error) {
			state.error = error;
		}
		state.done = true;
	})();
	return state;
}

function events(text: string, name: string): unknown[] {
	return text
		.split('\n\n')
		.filter((f) => f.startsWith(`event: ${name}\n`))
		.map((f) => JSON.parse(f.slice(f.indexOf('data: ') + 6)));
}

const changeIds = (text: string) => (events(text, 'changes') as ChangeEvent[][]).flat().map((c) => c.id);

beforeEach(() => {
	vi.useFakeTimers();
	vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
	vi.useRealTimers();
	vi.restoreAllMocks();
});

describe('LiveHub backpressure', () => {
	it('drops a client that stops reading once the cap is unread, and lets go of what it held', async () => {
		const { db, announce } = fakeDb();
		const hub = new LiveHub(db);
		const stalled = hub.stream(claims);
		const healthy = reader(hub.stream(claims));
		await vi.advanceTimersByTimeAsync(0);
		expect(hub.size).toBe(2);

		// three times the cap, in batches of ten changes (~40 KB a frame)
		let id = 0;
		let peak = 0;
		while (id * 4000 < 3 * MAX_UNREAD_BYTES) {
			for (let i = 0; i < 10; i++) announce(++id);
			await vi.advanceTimersByTimeAsync(20);
			peak = Math.max(peak, hub.unreadBytes);
		}

		// the stalled client is gone from the hub; it never held much more than the cap
		expect(hub.size).toBe(1);
		expect(peak).toBeGreaterThan(MAX_UNREAD_BYTES * 0.9);
		expect(peak).toBeLessThan(MAX_UNREAD_BYTES + 64 * 1024);
		expect(hub.unreadBytes).toBe(0);
		// its queue was discarded: reading now fails at once instead of yielding a megabyte
		await expect(stalled.getReader().read()).rejects.toThrow('live client fell behind');

		// the reading client got every change, once, in order
		expect(healthy.error).toBeNull();
		expect(changeIds(healthy.text)).toEqual(Array.from({ length: id }, (_, i) => i + 1));
		hub.close();
	});

	it('keeps a client that reads slowly but keeps up, however much passes through', async () => {
		const { db, announce } = fakeDb();
		const hub = new LiveHub(db);
		const r = hub.stream(claims).getReader();
		const decoder = new TextDecoder();
		let text = '';
		await vi.advanceTimersByTimeAsync(0);
		let id = 0;
		for (let batch = 0; batch < 200; batch++) {
			for (let i = 0; i < 10; i++) announce(++id);
			await vi.advanceTimersByTimeAsync(20);
			// reads only every fifth batch: at most ~200 KB waiting
			if (batch % 5 === 4) {
				while (hub.unreadBytes > 0) text += decoder.decode((await r.read()).value, { stream: true });
			}
		}
		expect(id * 4000).toBeGreaterThan(5 * MAX_UNREAD_BYTES);
		expect(hub.size).toBe(1);
		expect(changeIds(text)).toEqual(Array.from({ length: id }, (_, i) => i + 1));
		hub.close();
	});

	it('delivers a catch-up larger than the cap to a reconnecting client', async () => {
		const replay = Array.from({ length: 600 }, (_, i) => change(i + 1));
		const { db, announce } = fakeDb(replay);
		const hub = new LiveHub(db);
		const stream = hub.stream(claims, { since: new Date() });
		await vi.advanceTimersByTimeAsync(0);
		// ~2.4 MB of replay waits for a reader that has not started yet
		expect(hub.unreadBytes).toBeGreaterThan(2 * MAX_UNREAD_BYTES);
		const client = reader(stream);
		await vi.advanceTimersByTimeAsync(0);
		announce(601);
		await vi.advanceTimersByTimeAsync(20);
		expect(hub.size).toBe(1);
		expect(events(client.text, 'ready')).toHaveLength(1);
		expect(changeIds(client.text)).toEqual(Array.from({ length: 601 }, (_, i) => i + 1));
		hub.close();
	});

	it('removes a stream however it ends, and leaves no timer behind', async () => {
		const { db } = fakeDb();
		const hub = new LiveHub(db);
		// cancelled before the hub had even started listening
		const early = hub.stream(claims);
		void early.cancel();
		const cancelled = hub.stream(claims);
		const aborted = new AbortController();
		hub.stream(claims, { signal: aborted.signal });
		const other = hub.stream({ sub: 'head', role: 'authenticated' });
		await vi.advanceTimersByTimeAsync(0);
		expect(hub.size).toBe(3);

		await cancelled.cancel();
		aborted.abort();
		expect(hub.drop('head')).toBe(1);
		expect(hub.size).toBe(0);
		// no heartbeat keeps running for a stream that is gone
		expect(vi.getTimerCount()).toBe(0);
		await vi.advanceTimersByTimeAsync(60_000);
		expect(hub.size).toBe(0);
		// the dropped user's stream ended cleanly: its reader sees the end after `ready`
		const r = other.getReader();
		let text = '';
		for (let c = await r.read(); !c.done; c = await r.read()) text += new TextDecoder().decode(c.value);
		expect(events(text, 'ready')).toHaveLength(1);
	});
});
