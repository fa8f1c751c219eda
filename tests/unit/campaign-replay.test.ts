// The replay steps door states to any day, forward by the changes between and back from the
// start, and keeps its colours and counts in step with the states.
import { describe, expect, it } from 'vitest';
import { STATE_COLOURS } from '../../src/lib/features/campaigns/campaign-layers.ts';
import { Replay, type ReplayColumns } from '../../src/lib/features/campaigns/campaign-replay.ts';
import { doorsIn, replayGridFill } from '../../src/lib/features/campaigns/replay-layer.ts';
import { shareColour } from '../../src/lib/features/campaigns/visited-share-layer.ts';

const columns: ReplayColumns = {
	campaign_id: 1,
	starts_on: '2026-11-29',
	last_day: '2026-12-03',
	household: { id: [10, 11, 12], lon: [119, 119.1, 119.2], lat: [28, 28.1, 28.2], grid: [7, 7, 8] },
	// 10: nobody home on day 0, visited on day 2; 11: refused on day 1; 12 never knocked
	change: { household: [10, 11, 10], day: [0, 1, 2], state: ['nobody_home', 'refused', 'visited'] }
};

describe('the replay', () => {
	it('steps forward and back to the states of each day, across a month end', () => {
		const r = new Replay(columns, STATE_COLOURS);
		expect(r.days).toBe(5);
		expect(r.dateOf(2)).toBe('2026-12-01');
		const states = () => [0, 1, 2].map((i) => r.stateOf(i));
		r.seek(0);
		expect(states()).toEqual(['nobody_home', 'none', 'none']);
		r.seek(4);
		expect(states()).toEqual(['visited', 'refused', 'none']);
		expect(r.counts).toEqual([1, 1, 0, 1]);
		expect([r.gridIds, [...r.gridDoors], [...r.gridVisited]]).toEqual([
			[7, 8],
			[2, 1],
			[1, 0]
		]);
		r.seek(1);
		expect([...r.gridVisited]).toEqual([0, 0]);
		expect(states()).toEqual(['nobody_home', 'refused', 'none']);
		expect(r.counts).toEqual([1, 0, 1, 1]);
		expect([...r.colours.slice(0, 4)]).toEqual(STATE_COLOURS.nobody_home);
		expect([...r.colours.slice(8, 12)]).toEqual(STATE_COLOURS.none);
		// out of range clamps to the replay's days
		r.seek(99);
		expect(r.day).toBe(4);
		r.seek(-3);
		expect(r.day).toBe(0);
	});

	it('refuses changes it cannot place', () => {
		expect(
			() =>
				new Replay({ ...columns, change: { household: [99], day: [0], state: ['visited'] } }, STATE_COLOURS)
		).toThrow(/unknown household 99/);
		expect(
			() =>
				new Replay(
					{ ...columns, change: { household: [10, 11], day: [2, 1], state: ['visited', 'visited'] } },
					STATE_COLOURS
				)
		).toThrow(/out of day order/);
	});

	it('fills each grid by its share visited that day from afar, and draws the doors in view close up', () => {
		const r = new Replay(columns, STATE_COLOURS);
		r.seek(4);
		expect(replayGridFill(r)).toEqual(
			new Map([
				[7, shareColour(0.5)],
				[8, shareColour(0)]
			])
		);
		// the extent widened by half its size each way: 119.04–119.16 reaches 118.98–119.22
		expect([...doorsIn(r.positions, [119.04, 28.04, 119.16, 28.16])]).toEqual([0, 1, 2]);
		expect([...doorsIn(r.positions, [119.09, 28.09, 119.11, 28.11])]).toEqual([1]);
	});
});
