// Station names are written only for the stations around the view: software WebGL draws every
// glyph of a layer on every frame, in view or not (a province's names: 23,000 glyphs).
import { describe, expect, it } from 'vitest';
import { stationLayers, stationsWithin } from '../../src/lib/features/policing/policing-layers.ts';
import type { StationColumns } from '../../src/lib/types/layers.ts';

const stations: StationColumns = {
	id: [1, 2, 3, 4],
	name: [
		'莲都区公安局紫金派出所',
		'龙泉市公安局城东派出所',
		'衢江区公安局樟潭派出所',
		'开化县公安局华埠派出所'
	],
	position: [
		[119.92, 28.45],
		[119.14, 28.07],
		[118.96, 28.98],
		[118.41, 29.13]
	]
};
const noPosts = { id: [], name: [], kind: [], station_id: [], position: [] };

describe('station names', () => {
	it('are the stations inside the box, on its edges too, or all without a box', () => {
		// the first on the east edge
		expect(stationsWithin(stations, [118.9, 28.0, 119.92, 29.0])).toEqual([0, 1, 2]);
		expect(stationsWithin(stations, [100, 10, 101, 11])).toEqual([]);
		expect(stationsWithin(stations)).toEqual([0, 1, 2, 3]);
	});

	it('are written from zoom 11 for the stations in view only', () => {
		const labels = (zoom: number) =>
			stationLayers({ stations, posts: noPosts, zoom, icons: null, namedWithin: [119, 28, 120, 29] }).find(
				(l) => l.id === 'station-labels'
			);
		expect(labels(10.9)).toBeUndefined();
		const named = labels(11)!.props.data as number[];
		expect(named.map((i) => stations.name[i])).toEqual(['莲都区公安局紫金派出所', '龙泉市公安局城东派出所']);
	});
});
