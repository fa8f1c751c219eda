// The command wall's layer choices: village outlines only from zoom 10, a few incidents as points
// whatever the zoom, light labels on the wall's own night style (also when a chosen basemap
// failed), and the layers stacked bottom to top with the missing ones left out.
import { STATE_COLOURS } from '../../src/lib/features/campaigns/campaign-layers.ts';
import { Replay } from '../../src/lib/features/campaigns/campaign-replay.ts';
import { doorsLayer } from '../../src/lib/features/campaigns/replay-layer.ts';
import type { Layer } from '@deck.gl/core';
import { describe, expect, it } from 'vitest';
import { overdueLayer, pickedPointLayer } from '../../src/lib/features/incidents/live-layers.ts';
import { DAY_LABELS, NIGHT_LABELS } from '../../src/lib/map/label-font.ts';
import { OUTLINE_ANCHOR } from '../../src/lib/map/native-outlines.ts';
import type { IncidentColumns } from '../../src/lib/types/layers.ts';
import {
	areaLayers,
	densityLayer,
	labelTheme,
	placeLabels,
	policingLayers,
	stackWallLayers,
	type WallBase
} from '../../src/routes/(app)/command/command-layers.ts';

const base = {
	counties: { type: 'FeatureCollection', features: [] },
	townships: { type: 'FeatureCollection', features: [] },
	villages: { type: 'FeatureCollection', features: [] },
	stations: { id: [], name: [], position: [] },
	posts: { id: [], name: [], kind: [], station_id: [], position: [] }
} as unknown as WallBase;

function incidents(n: number): IncidentColumns {
	return {
		id: Array.from({ length: n }, (_, i) => i),
		category: Array.from({ length: n }, () => 'fraud'),
		status: Array.from({ length: n }, () => 'new'),
		time: Array.from({ length: n }, () => 0),
		position: Array.from({ length: n }, () => [119, 28])
	};
}

const ids = (layers: readonly Layer[]) => layers.map((l) => l.id);

describe('the command wall’s layers', () => {
	it('draws village outlines only from zoom 10, under the township and county outlines', () => {
		expect(ids(areaLayers(base, 9.9))).toEqual([]);
		const [villages] = areaLayers(base, 10);
		expect(villages.id).toBe('villages');
		// MapLibre draws the county and township outlines (boundaryOutlines) over this anchor
		expect((villages.props as { beforeId?: string }).beforeId).toBe(OUTLINE_ANCHOR);
	});

	it('draws fewer than 400 incidents as points whatever the zoom, more as hexbins until zoomed in', () => {
		expect(densityLayer(incidents(399), 8, null).id).toBe('incident-points');
		expect(densityLayer(incidents(400), 8, null).id).toBe('incident-hexbins');
		expect(densityLayer(incidents(400), 12, null).id).toBe('incident-points');
	});

	it('writes light labels on the night style, also when a chosen basemap failed, dark ones on a day basemap', () => {
		const style = { kind: 'style' as const, url: '/styles/day.json' };
		expect(labelTheme({ setting: { kind: 'offline', url: null }, failure: null })).toBe(NIGHT_LABELS);
		expect(labelTheme({ setting: style, failure: null })).toBe(DAY_LABELS);
		expect(labelTheme({ setting: style, failure: 'HTTP 404' })).toBe(NIGHT_LABELS);
	});

	it('stacks the areas under the incidents, people and rings over them, names and the picked point on top', () => {
		const doors = new Replay(
			{
				campaign_id: 1,
				starts_on: '2026-11-01',
				last_day: '2026-11-01',
				household: { id: [1], lon: [119], lat: [28], grid: [5] },
				change: { household: [], day: [], state: [] }
			},
			STATE_COLOURS
		);
		const all = {
			areas: areaLayers(base, 11),
			density: densityLayer(incidents(1), 9, null),
			replay: [doorsLayer(doors, doors.positions, Uint32Array.of(0), 0)],
			policing: policingLayers(base, 11, null, NIGHT_LABELS),
			officers: null,
			overdue: overdueLayer([]),
			labels: placeLabels(base, 11, NIGHT_LABELS),
			intake: pickedPointLayer([119, 28])
		};
		expect(ids(stackWallLayers(all))).toEqual([
			'villages',
			'incident-points',
			'campaign-replay',
			'posts',
			'stations',
			'station-labels',
			'overdue-disputes',
			'place-labels',
			'intake-point'
		]);
		expect(ids(stackWallLayers({ ...all, labels: null, intake: null })).at(-1)).toBe('overdue-disputes');
	});
});
