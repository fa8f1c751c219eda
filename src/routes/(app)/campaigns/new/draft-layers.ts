// The planning map's layers: scope grids coloured by block (or red where no drawn block holds
// them), the drawn scope and blocks as lines with the blocks' names, and the vertices of the
// drawing in progress. Everything is drawn through `shift` (the basemap's coordinates); the draft
// itself stays in WGS84.
import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer, PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { interiorPoint } from '$lib/geo/interior-point';
import { LABEL_FONT, LABEL_OUTLINE } from '$lib/map/label-font';
import type { GridProps } from '$lib/types/layers';
import { BLOCK_COLOURS, type Rgb, type Rgba } from '$lib/ui/palette';
import type { CampaignDraft } from './campaign-draft.svelte';

type LonLat = [number, number];

export const blockColour = (i: number): Rgb => BLOCK_COLOURS[i % BLOCK_COLOURS.length];
const LEFT_OUT: Rgba = [220, 38, 38, 170];
const SCOPE_LINE: Rgb = [234, 88, 12];

export function draftLayers(d: CampaignDraft, shift: <T>(data: T) => T): Layer[] {
	if (!d.grids) return [];
	const drawingColour = d.drawingFor === 'scope' ? SCOPE_LINE : blockColour(d.drawnBlocks.length);
	const { splitMode, cover, drawn, drawnBlocks, vertices } = d;
	return [
		new GeoJsonLayer<GridProps>({
			id: 'scope-grids',
			data: shift(d.grids),
			filled: true,
			stroked: true,
			getFillColor: (f) => {
				if (!d.inScope(f.properties)) return [255, 255, 255, 40];
				if (splitMode === 'even') return [29, 78, 216, 150];
				const i = cover.owner.get(f.properties.id);
				return i === undefined ? LEFT_OUT : [...blockColour(i), 120];
			},
			getLineColor: [30, 41, 59, 120],
			lineWidthUnits: 'pixels',
			getLineWidth: 1,
			pickable: true,
			autoHighlight: true,
			updateTriggers: { getFillColor: [d.chosenVillages, d.extraGrids, drawn, splitMode, cover] }
		}),
		new PathLayer<{ path: LonLat[]; colour: Rgb }>({
			id: 'drawn-scope',
			data: [
				...(drawn ? [{ path: drawn.coordinates[0] as LonLat[], colour: SCOPE_LINE }] : []),
				...(splitMode === 'drawn'
					? drawnBlocks.map((b, i) => ({
							path: b.polygon.coordinates[0] as LonLat[],
							colour: blockColour(i)
						}))
					: []),
				...(vertices.length ? [{ path: vertices, colour: drawingColour }] : [])
			],
			getPath: (p) => shift(p.path),
			getColor: (p) => p.colour,
			getWidth: 3,
			widthUnits: 'pixels'
		}),
		new TextLayer<{ name: string; at: LonLat }>({
			id: 'block-labels',
			data:
				splitMode === 'drawn'
					? drawnBlocks.map((b) => ({
							name: b.name,
							at: interiorPoint(b.polygon) ?? (b.polygon.coordinates[0][0] as LonLat)
						}))
					: [],
			getText: (l) => l.name,
			getPosition: (l) => shift(l.at),
			getSize: 15,
			getColor: [15, 23, 42, 255],
			fontFamily: LABEL_FONT,
			fontWeight: 'bold',
			characterSet: 'auto',
			...LABEL_OUTLINE
		}),
		new ScatterplotLayer<LonLat>({
			id: 'drawn-vertices',
			data: d.drawing ? vertices : [],
			getPosition: (v) => shift(v),
			getFillColor: drawingColour,
			getRadius: 5,
			radiusUnits: 'pixels'
		})
	];
}
