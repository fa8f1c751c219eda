// County, township and village boundaries with names: the frame every other layer sits in.
// Villages are tinted by township so a township's villages read as one group; names switch
// from townships to villages as the map zooms in.
import { GeoJsonLayer, TextLayer } from '@deck.gl/layers';
import type { Color, Layer } from '@deck.gl/core';
import type { Feature, MultiPolygon } from 'geojson';
import { boxHolds, type LonLatBox } from '$lib/geo/tile-coordinates';
import { ringBounds } from '$lib/map/feature-bounds';
import { outlineLayer } from '$lib/map/outline-layer';
import { cssColour } from '$lib/map/css-colour';
import type { NativeOutline } from '$lib/map/native-outlines';
import { DAY_LABELS, LABEL_FONT, labelOutline, type LabelTheme } from '$lib/map/label-font';
import type { AreaCollection, VillageCollection, VillageProps } from '$lib/types/layers';

/** Zoom from which village names replace township names. */
export const VILLAGE_LABEL_ZOOM = 11.2;

export const TOWNSHIP_TINTS: [number, number, number][] = [
	[186, 215, 233],
	[204, 229, 200],
	[246, 218, 190],
	[223, 207, 236],
	[247, 232, 170],
	[200, 226, 224],
	[240, 204, 214],
	[214, 222, 190],
	[226, 214, 196],
	[196, 210, 240]
];

export function townshipTint(townshipId: number, alpha = 150): [number, number, number, number] {
	return [...TOWNSHIP_TINTS[townshipId % TOWNSHIP_TINTS.length], alpha];
}

const COUNTY_OUTLINE = { color: [51, 65, 85, 255], width: 3 };
const TOWNSHIP_OUTLINE = { color: [92, 102, 118, 220], width: 1.6 };
const VILLAGE_OUTLINE = { color: [110, 118, 130, 200] as Color, width: 0.8 };

/** Townships are outlined at this zoom (boundaryOutlines says when they are not). */
export function townshipsOutlined(townships: number, zoom: number | undefined): boolean {
	return zoom === undefined || zoom >= TOWNSHIP_LABEL_ZOOM || townships <= MANY_TOWNSHIPS;
}

const NO_AREAS: AreaCollection = { type: 'FeatureCollection', features: [] };

/**
 * County and township outlines, drawn by MapLibre (native-outlines.ts says why). Many townships (a
 * province's) are outlined only from TOWNSHIP_LABEL_ZOOM, as they are named: further out their
 * borders are a mesh. Below that zoom they are not even handed to MapLibre, whose worker would
 * otherwise cut their 2 MB into tiles while the first view loads. Layers under them take
 * underOutlines.
 */
export function boundaryOutlines(
	input: { counties: AreaCollection; townships: AreaCollection } = {
		counties: NO_AREAS,
		townships: NO_AREAS
	},
	zoom?: number
): NativeOutline[] {
	const many = input.townships.features.length > MANY_TOWNSHIPS;
	return [
		{
			id: 'townships',
			data: townshipsOutlined(input.townships.features.length, zoom) ? input.townships : NO_AREAS,
			color: cssColour(TOWNSHIP_OUTLINE.color),
			width: TOWNSHIP_OUTLINE.width,
			minzoom: many ? TOWNSHIP_LABEL_ZOOM : 0
		},
		{
			id: 'counties',
			data: input.counties,
			color: cssColour(COUNTY_OUTLINE.color),
			width: COUNTY_OUTLINE.width
		}
	];
}

/** Village outlines alone, as segments (outline-layer.ts says why); under grids, for example. */
export function villageOutlineLayer(villages: VillageCollection): Layer {
	return outlineLayer('village-outlines', villages, VILLAGE_OUTLINE);
}

/** `tinted`: fill villages by township; off when grids are drawn over them, to keep their colours true. */
export function villageLayer(villages: VillageCollection, tinted: boolean): GeoJsonLayer<VillageProps> {
	return new GeoJsonLayer<VillageProps>({
		id: 'villages',
		data: villages,
		// untinted, the fill is invisible under the grids: skip its tessellation and draw (at city
		// scale thousands of polygons); pointer picks land on the grids above anyway
		filled: tinted,
		stroked: true,
		getFillColor: (f) => townshipTint(f.properties.township_id, 150),
		getLineColor: VILLAGE_OUTLINE.color,
		lineWidthUnits: 'pixels',
		getLineWidth: VILLAGE_OUTLINE.width,
		pickable: true,
		autoHighlight: true,
		highlightColor: [255, 255, 255, 70]
	});
}

/**
 * Past this many townships (a province has thousands) their names are shown only from
 * TOWNSHIP_LABEL_ZOOM, and counties are named below it: at a province's zoom the township names
 * would cover the map.
 */
export const MANY_TOWNSHIPS = 200;
export const TOWNSHIP_LABEL_ZOOM = 9;

/** Township names when zoomed out (county names further out, for many townships), village names when zoomed in. */
export function placeLabelLayer(input: {
	villages: VillageCollection;
	townships: AreaCollection;
	zoom: number;
	labels?: LabelTheme;
	/** the villages' names where the villages come as tiles (villageTileLayer's onLabels) */
	villageLabels?: PlaceLabel[];
	/** named instead of many townships when zoomed far out */
	counties?: AreaCollection;
	/**
	 * only the places whose label point lies in this box (around the view): deck.gl draws every
	 * glyph it is given, in view or not, and a province's 2,085 township names are 6,000 glyphs
	 */
	namedWithin?: LonLatBox;
}): TextLayer<PlaceLabel> {
	const villageNames = input.zoom >= VILLAGE_LABEL_ZOOM;
	const theme = input.labels ?? DAY_LABELS;
	const areas =
		input.counties && input.townships.features.length > MANY_TOWNSHIPS && input.zoom < TOWNSHIP_LABEL_ZOOM
			? input.counties
			: input.townships;
	const labels: PlaceLabel[] = villageNames
		? (input.villageLabels ??
			input.villages.features.map((f) => ({ name: f.properties.name, position: f.properties.label })))
		: areas.features.map((f) => ({ name: f.properties.name, position: labelPoint(f) }));
	const box = input.namedWithin;
	return new TextLayer<PlaceLabel>({
		id: 'place-labels',
		data: box ? labels.filter(({ position: [x, y] }) => boxHolds(box, [x, y, x, y])) : labels,
		getText: (d) => d.name,
		getPosition: (d) => d.position,
		getSize: villageNames ? 13 : 16,
		getColor: villageNames ? theme.text : theme.strong,
		fontFamily: LABEL_FONT,
		fontWeight: villageNames ? 'normal' : 'bold',
		characterSet: 'auto',
		...labelOutline(theme),
		updateTriggers: { getSize: villageNames, getColor: [villageNames, theme] }
	});
}

export interface PlaceLabel {
	name: string;
	position: [number, number];
}

/** The centre of the box of a township's largest ring: good enough for a label. */
function labelPoint(f: Feature<MultiPolygon>): [number, number] {
	const largest = f.geometry.coordinates.reduce((a, b) => (b[0].length > a[0].length ? b : a));
	const [w, s, e, n] = ringBounds(largest[0]);
	return [(w + e) / 2, (s + n) / 2];
}
