import { describe, expect, it } from 'vitest';
import {
	distanceKm,
	suggestAssignments,
	type Candidate,
	type OpenGrid
} from '../../src/lib/features/assignments/suggest.ts';

const grid = (id: number, households: number, point: [number, number], station_id = 1): OpenGrid => ({
	id,
	name: `网格${id}`,
	village: '西门社区',
	station_id,
	households,
	point
});
const officer = (
	id: number,
	position: [number, number],
	households = 0,
	kind: Candidate['kind'] = 'police',
	station_id = 1
): Candidate => ({ id, name: `民警${id}`, kind, station_id, position, households, grids: 0 });

describe('suggestAssignments', () => {
	it('measures distance on the sphere', () => {
		// one degree of latitude is about 111.2 km
		expect(distanceKm([119, 28], [119, 29])).toBeCloseTo(111.2, 1);
	});

	it('proposes the nearest officer of the same station who has room', () => {
		const out = suggestAssignments(
			[grid(1, 300, [119.0, 28.0])],
			[
				officer(10, [119.001, 28.0], 1400), // nearest, but 1400 + 300 > 1500
				officer(11, [119.02, 28.0], 200),
				officer(12, [119.0005, 28.0], 0, 'assistant'), // assistants are never primary
				officer(13, [119.0001, 28.0], 0, 'police', 2) // another station
			],
			1500
		);
		expect(out).toEqual([
			expect.objectContaining({ grid_id: 1, officer_id: 11, load_after: 500, over_limit: false })
		]);
		expect(out[0].distance_km).toBeCloseTo(1.96, 1);
	});

	it('balances load: once an officer fills up, the next grid goes to the next nearest', () => {
		const out = suggestAssignments(
			[grid(1, 800, [119.0, 28.0]), grid(2, 600, [119.0, 28.0]), grid(3, 700, [119.0, 28.0])],
			[officer(10, [119.001, 28.0]), officer(11, [119.01, 28.0])],
			1500
		);
		// biggest first: 800 → 10 (nearest), 700 → 10 (1500 ≤ limit), 600 → 11
		expect(out.map((s) => [s.grid_id, s.officer_id, s.load_after])).toEqual([
			[1, 10, 800],
			[3, 10, 1500],
			[2, 11, 600]
		]);
	});

	it('falls back to the least-loaded officer and flags it when nobody has room', () => {
		const out = suggestAssignments(
			[grid(1, 900, [119.0, 28.0])],
			[officer(10, [119.001, 28.0], 1000), officer(11, [119.05, 28.0], 700)],
			1500
		);
		expect(out).toEqual([expect.objectContaining({ officer_id: 11, over_limit: true, load_after: 1600 })]);
	});

	it('proposes nothing for a station with no officer who may be primary', () => {
		expect(
			suggestAssignments([grid(1, 10, [119, 28])], [officer(12, [119, 28], 0, 'assistant')], 1500)
		).toEqual([]);
	});
});
