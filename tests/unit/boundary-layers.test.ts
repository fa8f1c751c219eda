// Township outlines by zoom: many townships (a province's 2,085) are outlined only from the zoom
// their names show, a county's few at every zoom; county outlines always.
import { describe, expect, it } from 'vitest';
import {
	MANY_TOWNSHIPS,
	TOWNSHIP_LABEL_ZOOM,
	boundaryLayers,
	townshipsOutlined
} from '../../src/lib/features/places/boundary-layers.ts';
import type { AreaCollection } from '../../src/lib/types/layers.ts';

const areas = (n: number): AreaCollection =>
	({
		type: 'FeatureCollection',
		features: Array.from({ length: n }, (_, i) => ({
			type: 'Feature',
			properties: { id: i + 1, name: `T${i}`, code: `${i}`, parent_id: 1 },
			geometry: {
				type: 'MultiPolygon',
				coordinates: [
					[
						[
							[i, 0],
							[i + 1, 0],
							[i + 1, 1],
							[i, 0]
						]
					]
				]
			}
		}))
	}) as AreaCollection;

const ids = (zoom: number | undefined, townships: number) =>
	boundaryLayers({ counties: areas(1), townships: areas(townships), zoom }).map((l) => l.id);

describe('boundary layers', () => {
	it("outline a province's townships only from the zoom that names them", () => {
		expect(ids(TOWNSHIP_LABEL_ZOOM - 0.5, MANY_TOWNSHIPS + 1)).toEqual(['counties']);
		expect(ids(TOWNSHIP_LABEL_ZOOM, MANY_TOWNSHIPS + 1)).toEqual(['townships', 'counties']);
		// the segments drawn are every edge of every township
		const [townships] = boundaryLayers({ counties: areas(1), townships: areas(300), zoom: 10 });
		expect((townships.props.data as { length: number }).length).toBe(300 * 3);
	});

	it("outline a county's townships at every zoom, and without a zoom", () => {
		expect(ids(6, MANY_TOWNSHIPS)).toEqual(['townships', 'counties']);
		expect(ids(undefined, MANY_TOWNSHIPS + 1)).toEqual(['townships', 'counties']);
		// the legend says the same
		expect(townshipsOutlined(MANY_TOWNSHIPS + 1, 8)).toBe(false);
		expect(townshipsOutlined(MANY_TOWNSHIPS, 8)).toBe(true);
	});
});
