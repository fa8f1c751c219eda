// The overview map kept current by live changes: incidents added and updated within the 30-day
// window, officers moved, grids recoloured only when their responsible officer really changed.
import { describe, expect, it } from 'vitest';
import { OverviewLive } from '../../src/routes/(app)/overview-live.ts';
import type { OverviewData } from '../../src/routes/(app)/overview-layers.ts';
import type { ChangeEvent } from '../../src/lib/types/live.ts';

const NOW = 1_800_000_000;

function data(): OverviewData {
	const empty = { type: 'FeatureCollection' as const, features: [] };
	return {
		counties: empty,
		townships: empty,
		villages: empty,
		grids: {
			type: 'FeatureCollection',
			features: [
				{
					type: 'Feature',
					geometry: { type: 'MultiPolygon', coordinates: [] },
					properties: {
						id: 7,
						name: 'G7',
						code: 'G7',
						village_id: 1,
						officer_id: null,
						officer: null,
						households: 10,
						incidents_30d: 0,
						visited_share: null
					}
				}
			]
		},
		stations: { id: [], name: [], position: [] },
		posts: { id: [], name: [], kind: [], station_id: [], position: [] },
		officers: {
			id: [1, 2],
			name: ['王警官', '李警官'],
			kind: ['police', 'police'],
			station_id: [1, 1],
			position: [
				[119, 28],
				[119.1, 28.1]
			]
		},
		incidents: {
			id: [100],
			category: ['traffic'],
			status: ['new'],
			time: [NOW - 40 * 86_400],
			position: [[119, 28]]
		}
	} as unknown as OverviewData;
}

const at = new Date(NOW * 1000).toISOString();

describe('OverviewLive', () => {
	it('adds incidents in the window, moves officers and recolours a grid once', () => {
		const d = data();
		const live = new OverviewLive(d);
		const changes: ChangeEvent[] = [
			{
				id: 1,
				at,
				op: 'insert',
				entity_id: 101,
				kind: 'incident',
				data: {
					id: 101,
					code: 'J1',
					category: 'fraud',
					status: 'new',
					priority: 2,
					summary: '',
					time: NOW - 60,
					position: [119.2, 28.2],
					grid_id: 7,
					village_id: 1,
					station_id: 1,
					mediation_status: null
				}
			},
			{
				id: 2,
				at,
				op: 'update',
				entity_id: 2,
				kind: 'officer',
				data: {
					id: 2,
					name: '李警官',
					kind: 'police',
					station_id: 1,
					status: 'active',
					position: [119.5, 28.5],
					at
				}
			},
			{
				id: 3,
				at,
				op: 'insert',
				entity_id: 9,
				kind: 'assignment',
				data: { grid_id: 7, officer_id: 1, role: 'primary', active: true }
			},
			{
				id: 4,
				at,
				op: 'insert',
				entity_id: 9,
				kind: 'visit',
				data: { campaign_id: 1, grid_id: 7, household_id: 3, block_id: 1, outcome: 'visited' }
			}
		];
		expect(live.take(changes)).toBe(true);
		const { data: next, gridsChanged } = live.apply(d, NOW);
		// the 40-day-old incident left the 30-day window, the new one is in
		expect(next.incidents.id).toEqual([101]);
		expect(next.officers.position[1]).toEqual([119.5, 28.5]);
		expect(next.officers.position[0]).toEqual([119, 28]);
		expect(gridsChanged).toBe(true);
		expect(next.grids.features[0].properties).toMatchObject({ officer_id: 1, officer: '王警官' });
		// the same assignment again (the page's own, echoed): no second recolour
		live.take([changes[2]]);
		expect(live.apply(next, NOW).gridsChanged).toBe(false);
		// ended: the grid has no officer any more
		live.take([
			{
				...changes[2],
				id: 5,
				data: { grid_id: 7, officer_id: 1, role: 'primary', active: false }
			} as ChangeEvent
		]);
		const after = live.apply(next, NOW);
		expect(after.gridsChanged).toBe(true);
		expect(after.data.grids.features[0].properties.officer_id).toBeNull();
	});

	it('ignores what this map does not show', () => {
		const live = new OverviewLive(data());
		expect(
			live.take([
				{
					id: 1,
					at,
					op: 'insert',
					entity_id: 9,
					kind: 'assignment',
					data: { grid_id: 7, officer_id: 1, role: 'helper', active: true }
				}
			])
		).toBe(false);
	});
});
