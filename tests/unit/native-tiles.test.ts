// The overview's tiled villages, grids and campaign shares as MapLibre draws them: the style
// layers are ones MapLibre accepts, and their colours, evaluated by MapLibre's own expression
// engine, are those the deck.gl layers give (a grid by its officer, a village by its township);
// deck.gl draws them instead only on a shifted (GCJ-02) basemap.
import { describe, expect, it } from 'vitest';
import {
	Color,
	createPropertyExpression,
	latest,
	validateStyleMin,
	type ExpressionSpecification,
	type StyleSpecification
} from '@maplibre/maplibre-gl-style-spec';
import type { GeoJSONFeature } from 'maplibre-gl';
import { gridTiles } from '../../src/lib/features/assignments/grid-tile-layer.ts';
import { GRID_ASSIGNED, GRID_UNASSIGNED } from '../../src/lib/features/assignments/grid-layer.ts';
import { shareColour, visitedShareTiles } from '../../src/lib/features/campaigns/visited-share-layer.ts';
import { townshipTint } from '../../src/lib/features/places/boundary-layers.ts';
import { featureLabels, villageTiles } from '../../src/lib/features/places/village-tile-layer.ts';
import { cssColour } from '../../src/lib/map/css-colour.ts';
import { OUTLINE_ANCHOR } from '../../src/lib/map/native-outlines.ts';
import { nativeTileLayer, type NativeTiles } from '../../src/lib/map/native-tiles.ts';
import { TILE_OUTLINE } from '../../src/lib/map/vector-tiles.ts';
import type { GridProps } from '../../src/lib/types/layers.ts';
import { TiledOverview } from '../../src/routes/(app)/tiled-overview.svelte.ts';

const grid = (id: number, officer_id: number | null, visited_share: number | null = null): GridProps =>
	({ id, name: `网格${id}`, officer_id, officer: null, households: 10, visited_share }) as GridProps;

const states = new Map([
	[1, grid(1, 7, 1)],
	[2, grid(2, null, 0)],
	[3, grid(3, 8)]
]);

function styleOf(tiles: NativeTiles[]): StyleSpecification {
	return {
		version: 8,
		sources: {
			'tiles-villages': { type: 'vector', tiles: ['http://localhost/api/tiles/villages/{z}/{x}/{y}'] },
			'tiles-grids': { type: 'vector', tiles: ['http://localhost/api/tiles/grids/{z}/{x}/{y}'] }
		},
		layers: [
			...tiles.map(nativeTileLayer),
			{ id: OUTLINE_ANCHOR, type: 'background', layout: { visibility: 'none' } }
		]
	};
}

/** A fill layer's colour for one feature, as MapLibre's expression engine evaluates it. */
function fillOf(
	tiles: NativeTiles,
	feature: { id?: number; properties?: Record<string, unknown> },
	state: Record<string, unknown> = {}
): string {
	return colourOf(tiles, feature, state).toString();
}

function colourOf(
	tiles: NativeTiles,
	feature: { id?: number; properties?: Record<string, unknown> },
	state: Record<string, unknown> = {}
): Color {
	const fill = nativeTileLayer(tiles);
	const parsed = createPropertyExpression(
		fill.paint?.['fill-color'] as ExpressionSpecification,
		latest.paint_fill['fill-color'] as never
	);
	if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
	const colour = parsed.value.evaluate(
		{ zoom: 12 },
		{ type: 'Polygon', properties: {}, ...feature } as never,
		state
	) as Color;
	return colour;
}

const css = (c: ArrayLike<number>) => Color.parse(cssColour(c))!.toString();

describe('tiles drawn by MapLibre', () => {
	const opts = { states, version: 4, selectedId: null };

	it('are style layers MapLibre accepts, under the outlines', () => {
		const all = [villageTiles({ tinted: true, selectedId: 5 }), gridTiles(opts), visitedShareTiles(opts)];
		const style = styleOf(all);
		expect(validateStyleMin(style)).toEqual([]);
		expect(style.layers.map((l) => l.id)).toEqual([
			'tiles-villages-fill',
			'tiles-grids-fill',
			'tiles-campaign-fill',
			OUTLINE_ANCHOR
		]);
		// outlined by the fills' own antialiasing lines, in the deck.gl layers' colours
		expect(all.map((t) => nativeTileLayer(t).paint?.['fill-outline-color'])).toEqual([
			cssColour([110, 118, 130, 200]),
			cssColour(TILE_OUTLINE),
			cssColour(TILE_OUTLINE)
		]);
		// a mistake in an expression is caught, so the check above can fail
		const broken = styleOf([
			{ ...gridTiles(opts), fill: ['get-colour', 'x'] as unknown as ExpressionSpecification }
		]);
		expect(validateStyleMin(broken).length).toBeGreaterThan(0);
	});

	it('fill a grid by its officer from feature state, and leave one with no state clear', () => {
		const tiles = gridTiles(opts);
		const colours = new Map((tiles.fill as { each: () => Iterable<readonly [number, string]> }).each());
		expect(colours).toEqual(
			new Map([
				[1, cssColour(GRID_ASSIGNED)],
				[2, cssColour(GRID_UNASSIGNED)],
				[3, cssColour(GRID_ASSIGNED)]
			])
		);
		expect(fillOf(tiles, { id: 2 }, { grids: colours.get(2) })).toBe(css(GRID_UNASSIGNED));
		expect(fillOf(tiles, { id: 9 })).toBe(css([0, 0, 0, 0]));
		// the campaign's shares are another key of the same grids' state
		const shares = visitedShareTiles(opts);
		const byShare = new Map((shares.fill as { each: () => Iterable<readonly [number, string]> }).each());
		expect(byShare.get(2)).toBe(cssColour(shareColour(0)));
		expect(byShare.has(3)).toBe(false); // not in the campaign: not filled
		expect(fillOf(shares, { id: 1 }, { campaign: byShare.get(1), grids: colours.get(1) })).toBe(
			css(shareColour(1))
		);
	});

	it('lighten the grid under the pointer or selected towards white, as deck.gl highlights', () => {
		const colour = cssColour(GRID_UNASSIGNED);
		const [r, g, b, a] = colourOf(gridTiles(opts), { id: 2 }, { grids: colour, hover: true }).rgb;
		const [r0, g0, b0, a0] = [...GRID_UNASSIGNED.slice(0, 3), (GRID_UNASSIGNED[3] ?? 255) / 255];
		expect([r, g, b].map((c) => Math.round(c * 255))).toEqual(
			[r0, g0, b0].map((c) => Math.round(c * 0.65 + 255 * 0.35))
		);
		expect(a).toBeCloseTo(a0 * 0.65 + 0.35, 2);
		expect(fillOf(gridTiles(opts), { id: 2 }, { grids: colour, selected: true })).toBe(
			fillOf(gridTiles(opts), { id: 2 }, { grids: colour, hover: true })
		);
		expect(fillOf(gridTiles(opts), { id: 2 }, { grids: colour, hover: false })).toBe(css(GRID_UNASSIGNED));
	});

	it('read the colours again when the states change in place', () => {
		const live = new Map(states);
		const before = gridTiles({ ...opts, states: live }).fill as { version: unknown };
		live.set(4, grid(4, null));
		const after = gridTiles({ ...opts, states: live }).fill as { version: unknown };
		expect(after.version).not.toEqual(before.version);
		expect(
			(gridTiles({ ...opts, states: live, version: 5 }).fill as { version: unknown }).version
		).not.toEqual(after.version);
	});

	it('tint a village by its township as the GeoJSON layer does, and not under grids', () => {
		const tinted = villageTiles({ tinted: true, selectedId: null });
		for (const township of [0, 3, 13, 250])
			expect(fillOf(tinted, { id: 1, properties: { township_id: township } })).toBe(
				css(townshipTint(township, 150))
			);
		expect(tinted.pickable).toBe(true);
		const under = villageTiles({ tinted: false, selectedId: null });
		expect(fillOf(under, { id: 1, properties: { township_id: 3 } })).toBe(css([0, 0, 0, 0]));
		expect(under.pickable).toBe(false);
	});

	it('name a village cut across tiles once', () => {
		const f = (id: number, name: string, lon: number) =>
			({ id, properties: { name, label_lon: lon, label_lat: 28.4 } }) as unknown as GeoJSONFeature;
		const labels = featureLabels([f(1, '大港头村', 119.9), f(2, '碧湖村', 119.8), f(1, '大港头村', 119.9)]);
		expect(labels).toEqual([
			{ name: '大港头村', position: [119.9, 28.4] },
			{ name: '碧湖村', position: [119.8, 28.4] }
		]);
	});
});

describe('the tiled overview', () => {
	const view = {
		enabled: ['villages', 'grids', 'campaign'] as const,
		zoom: 12,
		tiles: { grids: states, villages: new Map() },
		version: 1,
		epoch: 2,
		selection: { kind: 'grid' as const, id: 3 },
		tinted: false
	};

	it('hands villages, grids and shares to MapLibre, in that order, with the selection', () => {
		const { deck, native } = new TiledOverview(undefined, () => {}).layers({
			...view,
			enabled: [...view.enabled]
		} as never);
		expect(deck).toEqual([]);
		expect(native.map((t) => [t.id, t.layer, t.epoch, t.selectedId])).toEqual([
			['villages', 'villages', 2, null],
			['grids', 'grids', 2, 3],
			['campaign', 'grids', 2, 3]
		]);
	});

	it('leaves them to deck.gl on a shifted basemap, which MapLibre cannot shift a tile for', () => {
		const shift = (p: [number, number]): [number, number] => [p[0] + 0.005, p[1] - 0.002];
		const { deck, native } = new TiledOverview(shift, () => {}).layers({
			...view,
			enabled: [...view.enabled]
		} as never);
		expect(native).toEqual([]);
		expect(deck.map((l) => l.id)).toEqual(['villages', 'grids', 'campaign']);
	});

	it('draws no grids below their zoom', () => {
		const { native } = new TiledOverview(undefined, () => {}).layers({
			...view,
			enabled: [...view.enabled],
			zoom: 9
		} as never);
		expect(native.map((t) => t.id)).toEqual(['villages']);
	});
});
