// Township outlines by zoom: many townships (a province's 2,085) are outlined only from the zoom
// their names show, a county's few at every zoom; county outlines always. MapLibre draws them, so
// the outlines must be a style MapLibre accepts.
import { describe, expect, it } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import {
	MANY_TOWNSHIPS,
	TOWNSHIP_LABEL_ZOOM,
	boundaryOutlines,
	placeLabelLayer,
	townshipsOutlined
} from '../../src/lib/features/places/boundary-layers.ts';
import { offlineStyle } from '../../src/lib/map/offline-style.ts';
import { OUTLINE_ANCHOR, withOutlines } from '../../src/lib/map/native-outlines.ts';
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

const outlines = (townships: number) => boundaryOutlines({ counties: areas(1), townships: areas(townships) });
const from = (townships: number) =>
	Object.fromEntries(outlines(townships).map((o) => [o.id, o.minzoom ?? 0]));

describe('boundary outlines', () => {
	it("outline a province's townships only from the zoom that names them", () => {
		expect(from(MANY_TOWNSHIPS + 1)).toEqual({ townships: TOWNSHIP_LABEL_ZOOM, counties: 0 });
		// the legend says the same
		expect(townshipsOutlined(MANY_TOWNSHIPS + 1, TOWNSHIP_LABEL_ZOOM - 0.5)).toBe(false);
		expect(townshipsOutlined(MANY_TOWNSHIPS + 1, TOWNSHIP_LABEL_ZOOM)).toBe(true);
		// further out MapLibre is not even given them (its worker would tile 2 MB for nothing)
		const count = (zoom: number) =>
			boundaryOutlines({ counties: areas(1), townships: areas(MANY_TOWNSHIPS + 1) }, zoom)[0].data.features
				.length;
		expect(count(TOWNSHIP_LABEL_ZOOM - 0.5)).toBe(0);
		expect(count(TOWNSHIP_LABEL_ZOOM)).toBe(MANY_TOWNSHIPS + 1);
	});

	it("outline a county's townships at every zoom, and without a zoom", () => {
		expect(from(MANY_TOWNSHIPS)).toEqual({ townships: 0, counties: 0 });
		expect(townshipsOutlined(MANY_TOWNSHIPS, 6)).toBe(true);
		expect(townshipsOutlined(MANY_TOWNSHIPS + 1, undefined)).toBe(true);
	});

	it('are a valid MapLibre style on top of the basemap, with the anchor deck.gl layers go under', () => {
		const base = offlineStyle('http://localhost');
		const style = withOutlines(base, outlines(300));
		expect(validateStyleMin(style)).toEqual([]);
		expect(style.layers.map((l) => l.id)).toEqual([
			...base.layers.map((l) => l.id),
			OUTLINE_ANCHOR,
			'outline-townships',
			'outline-counties'
		]);
		const counties = style.layers.at(-1) as { paint: Record<string, unknown> };
		expect(counties.paint).toEqual({ 'line-color': 'rgb(51 65 85 / 1.00)', 'line-width': 3 });
		// with no places yet, the same ids, empty: the map keeps the ids it was created with
		expect(boundaryOutlines().map((o) => [o.id, o.data.features.length])).toEqual([
			['townships', 0],
			['counties', 0]
		]);
	});

	it('name the places around the view only, when given the box', () => {
		const named = (box?: [number, number, number, number]) =>
			(
				placeLabelLayer({
					villages: { type: 'FeatureCollection', features: [] },
					townships: areas(6),
					zoom: TOWNSHIP_LABEL_ZOOM,
					namedWithin: box
				}).props.data as { name: string }[]
			).map((l) => l.name);
		expect(named()).toEqual(['T0', 'T1', 'T2', 'T3', 'T4', 'T5']);
		// label points at (i + 0.5, 0.5): a box from 1 to 3.5 holds T1, T2 and T3 (on its edge)
		expect(named([1, 0, 3.5, 1])).toEqual(['T1', 'T2', 'T3']);
	});
});
