// The tiled map's parts without a database: tile addresses, tile coordinates, the grids' states
// as the page holds them, and village names taken from real tiles (cut by the app's JavaScript
// tiler, parsed by loaders.gl as deck.gl's MVTLayer parses them) once each.
import { parse } from '@loaders.gl/core';
import type { BinaryFeatureCollection } from '@loaders.gl/schema';
import { MVTLoader } from '@loaders.gl/mvt';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { tileLabels } from '../../src/lib/features/places/village-tile-layer.ts';
import { boxHolds, tileAt, tileBounds, tilesCovering, viewBox } from '../../src/lib/geo/tile-coordinates.ts';
import { JsTiler } from '../../src/lib/server/tiles/js-tiler.ts';
import { tileAddress, type GridStates } from '../../src/lib/types/tiles.ts';
import {
	gridsFromStates,
	opensTiled,
	tiledGridProps,
	villageFigures
} from '../../src/routes/(app)/overview-tiles.ts';
import type { MapSummary } from '../../src/lib/types/layers.ts';

describe('tile addresses', () => {
	it('take only tiles a map could ask for', () => {
		expect(tileAddress('grids', '12', '3371', '1718')).toEqual({ layer: 'grids', z: 12, x: 3371, y: 1718 });
		expect(tileAddress('villages', '0', '0', '0')).toEqual({ layer: 'villages', z: 0, x: 0, y: 0 });
		for (const bad of [
			['households', '12', '1', '1'],
			['grids', '15', '1', '1'],
			['grids', '2', '4', '0'],
			['grids', '2', '0', '-1'],
			['grids', '2', '1.5', '0'],
			['grids', '2', '0x1', '0'],
			['grids', '', '0', '0']
		])
			expect(tileAddress(bad[0], bad[1], bad[2], bad[3]), bad.join('/')).toBeNull();
	});

	it('find the tile of a place and the tiles of a box', () => {
		expect(tileAt(0.1, 0.1, 1)).toEqual({ x: 1, y: 0 });
		expect(tileAt(-0.1, -0.1, 1)).toEqual({ x: 0, y: 1 });
		expect(tileAt(180, -90, 3)).toEqual({ x: 7, y: 7 });
		// 遂昌 at z10: x = floor((119.27 + 180) / 360 * 1024)
		expect(tileAt(119.27, 28.59, 10).x).toBe(851);
		const box = tilesCovering([119.0, 28.3, 119.6, 28.8], 10);
		const [nw, se] = [tileAt(119.0, 28.8, 10), tileAt(119.6, 28.3, 10)];
		expect(box).toHaveLength((se.x - nw.x + 1) * (se.y - nw.y + 1));
		expect(box[0]).toEqual({ z: 10, ...nw });
	});
});

const STATES: GridStates = {
	id: [11, 12, 13],
	village_id: [1, 1, 2],
	officer_id: [7, null, 8],
	households: [40, 25, 30],
	incidents_30d: [2, 0, 1],
	visited_share: [0.5, null, 1],
	officers: { id: [7, 8], name: ['王警官', '李警官'] }
};

describe('what a view shows', () => {
	it('is the box MapLibre draws: 512 pixels for the world at zoom 0', () => {
		const world = viewBox([0, 0], 0, 512, 512);
		expect(world[0]).toBeCloseTo(-180, 9);
		expect(world[2]).toBeCloseTo(180, 9);
		expect(world[3]).toBeCloseTo(85.0511, 3);
		// a tile's width at zoom 10 is 512 px: the view of one tile is that tile
		const [[w, s], [e, n]] = tileBounds(10, 853, 420);
		const box = viewBox([(w + e) / 2, (s + n) / 2], 10, 512, 512);
		expect(box[0]).toBeCloseTo(w, 9);
		expect(box[2]).toBeCloseTo(e, 9);
		// the middle is the Mercator middle, not the latitudes' mean: within 1e-4 degrees here
		expect(box[1]).toBeCloseTo(s, 3);
		expect(box[3]).toBeCloseTo(n, 3);
		expect(boxHolds(viewBox([119, 28], 10, 1500, 1200), viewBox([119.1, 28], 10, 1000, 800))).toBe(true);
		expect(boxHolds(viewBox([119, 28], 10, 1500, 1200), viewBox([119.5, 28], 10, 1000, 800))).toBe(false);
	});
});

describe("the tiled overview's grid states", () => {
	it('become the grid collection the page knows, without outlines', () => {
		const grids = gridsFromStates(STATES);
		expect(grids.features.map((f) => f.properties)).toEqual([
			{
				id: 11,
				name: '',
				code: '',
				village_id: 1,
				officer_id: 7,
				officer: '王警官',
				households: 40,
				incidents_30d: 2,
				visited_share: 0.5
			},
			{
				id: 12,
				name: '',
				code: '',
				village_id: 1,
				officer_id: null,
				officer: null,
				households: 25,
				incidents_30d: 0,
				visited_share: null
			},
			{
				id: 13,
				name: '',
				code: '',
				village_id: 2,
				officer_id: 8,
				officer: '李警官',
				households: 30,
				incidents_30d: 1,
				visited_share: 1
			}
		]);
		expect(grids.features.every((f) => f.geometry.coordinates.length === 0)).toBe(true);
		expect(villageFigures(grids)).toEqual(
			new Map([
				[1, { grids: 2, grids_assigned: 1, households: 65 }],
				[2, { grids: 1, grids_assigned: 1, households: 30 }]
			])
		);
		const byId = new Map(grids.features.map((f) => [f.properties.id, f.properties]));
		expect(tiledGridProps({ id: 12, name: '东门网格', code: 'G12' }, byId)).toMatchObject({
			name: '东门网格',
			officer_id: null,
			households: 25
		});
		expect(tiledGridProps({ id: 99, name: '新画网格' }, byId)).toBeNull();
	});

	it('open tiled past the threshold, or as the link says', () => {
		const summary = (grids: number) => ({ grids }) as MapSummary;
		expect(opensTiled(summary(3512), null)).toBe(false);
		expect(opensTiled(summary(60_000), null)).toBe(true);
		expect(opensTiled(summary(449), '1')).toBe(true);
		expect(opensTiled(summary(60_000), '0')).toBe(false);
	});
});

/** A square village of `d` degrees at (lon, lat), its label point in its middle. */
function village(id: number, name: string, lon: number, lat: number, d: number) {
	return {
		type: 'Feature' as const,
		id,
		properties: { id, name, township_id: 1, label_lon: lon + d / 2, label_lat: lat + d / 2 },
		geometry: {
			type: 'Polygon' as const,
			coordinates: [
				[
					[lon, lat],
					[lon + d, lat],
					[lon + d, lat + d],
					[lon, lat + d],
					[lon, lat]
				]
			]
		}
	};
}

describe('village names from tiles', () => {
	it('are each drawn once, by the tile holding the label point', async () => {
		// one village across many tiles, one inside a single tile; both label points lie in the
		// 3×3 tiles read below
		const z = 12;
		const { x, y } = tileAt(119.27, 28.59, z);
		const features: FeatureCollection = {
			type: 'FeatureCollection',
			features: [village(1, '大村', 119.2, 28.5, 0.16), village(2, '小村', 119.262, 28.582, 0.004)]
		};
		for (const [lon, lat] of [
			[119.28, 28.58],
			[119.264, 28.584]
		]) {
			const t = tileAt(lon, lat, z);
			expect(Math.abs(t.x - x) <= 1 && Math.abs(t.y - y) <= 1).toBe(true);
		}
		const tiler = new JsTiler('villages', features);
		const names: string[] = [];
		for (let tx = x - 1; tx <= x + 1; tx++)
			for (let ty = y - 1; ty <= y + 1; ty++) {
				const bytes = tiler.tile(z, tx, ty);
				expect(bytes.length).toBeGreaterThan(0); // 大村 covers them all
				const data = (await parse(bytes.buffer as ArrayBuffer, MVTLoader, {
					core: { worker: false },
					mvt: { shape: 'binary', coordinates: 'local', tileIndex: { x: tx, y: ty, z } }
				})) as BinaryFeatureCollection;
				names.push(...tileLabels(data, tileBounds(z, tx, ty)).map((l) => l.name));
			}
		expect(names.sort()).toEqual(['大村', '小村']);
	});
});
