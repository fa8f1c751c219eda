// The grid editor's map: the villages (the one being edited outlined, the others faint and
// clickable to choose), the village's grids as the draft leaves them (sage with an officer,
// magenta without: a gap until one is assigned), the selected grid's outline, each grid's
// name and households, and the other villages' names (to choose one on the map). Drawn through `shift` (the basemap's coordinates); the data stay WGS84.
import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer, TextLayer } from '@deck.gl/layers';
import type { Feature, MultiPolygon } from 'geojson';
import { interiorPoint } from '$lib/geo/interior-point';
import { LABEL_FONT, LABEL_OUTLINE } from '$lib/map/label-font';
import type { VillageCollection, VillageProps } from '$lib/types/layers';
import { GRID_ASSIGNED, GRID_UNASSIGNED, type Rgba } from '$lib/ui/palette';
import type { EditorGrid, GridEditor } from './grid-editor.svelte';

type LonLat = [number, number];
const SELECTED: Rgba = [194, 65, 12, 255];
const VILLAGE_EDGE: Rgba = [15, 23, 42, 230];

export function editorLayers(
	e: GridEditor,
	shift: <T>(data: T) => T,
	label: (g: EditorGrid) => string
): Layer[] {
	const villages: VillageCollection | null = e.villages;
	const grids = e.shown;
	const selected = e.selected;
	const features: Feature<MultiPolygon, EditorGrid>[] = grids.map((g) => ({
		type: 'Feature',
		geometry: g.geometry,
		properties: g
	}));
	return [
		new GeoJsonLayer<VillageProps>({
			id: 'editor-villages',
			data: villages ? shift(villages) : { type: 'FeatureCollection', features: [] },
			filled: true,
			stroked: true,
			getFillColor: (f) => (f.properties.id === e.villageId ? [0, 0, 0, 0] : [148, 163, 184, 40]),
			getLineColor: (f) => (f.properties.id === e.villageId ? VILLAGE_EDGE : [100, 116, 139, 140]),
			getLineWidth: (f) => (f.properties.id === e.villageId ? 3 : 1),
			lineWidthUnits: 'pixels',
			// the village being edited is chosen; its grids take the clicks
			pickable: true,
			autoHighlight: true,
			highlightColor: [59, 130, 246, 40],
			updateTriggers: {
				getFillColor: e.villageId,
				getLineColor: e.villageId,
				getLineWidth: e.villageId
			}
		}),
		new GeoJsonLayer<EditorGrid>({
			id: 'editor-grids',
			data: shift({ type: 'FeatureCollection', features }),
			filled: true,
			stroked: true,
			getFillColor: (f) => (f.properties.officerId === null ? GRID_UNASSIGNED : GRID_ASSIGNED),
			getLineColor: (f) => (f.properties.ref === selected ? SELECTED : [30, 41, 59, 200]),
			getLineWidth: (f) => (f.properties.ref === selected ? 4 : 1.5),
			lineWidthUnits: 'pixels',
			pickable: true,
			autoHighlight: true,
			highlightColor: [255, 255, 255, 70],
			updateTriggers: { getLineColor: selected, getLineWidth: selected }
		}),
		new TextLayer<VillageProps>({
			id: 'editor-village-labels',
			data: (villages?.features ?? []).map((f) => f.properties).filter((v) => v.id !== e.villageId),
			getText: (v) => v.name,
			getPosition: (v) => shift(v.label),
			getSize: 13,
			getColor: [51, 65, 85, 255],
			fontFamily: LABEL_FONT,
			characterSet: 'auto',
			...LABEL_OUTLINE
		}),
		new TextLayer<{ text: string; at: LonLat }>({
			id: 'editor-grid-labels',
			data: grids.map((g) => ({
				text: label(g),
				at: interiorPoint(g.geometry) ?? (g.geometry.coordinates[0][0][0] as LonLat)
			})),
			getText: (l) => l.text,
			getPosition: (l) => shift(l.at),
			getSize: 14,
			getColor: [15, 23, 42, 255],
			fontFamily: LABEL_FONT,
			fontWeight: 'bold',
			characterSet: 'auto',
			...LABEL_OUTLINE
		})
	];
}
