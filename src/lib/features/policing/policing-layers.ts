// Police stations, their posts and work points, and the officers at them.
import { IconLayer, TextLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { DAY_LABELS, LABEL_FONT, labelOutline, NIGHT_LABELS, type LabelTheme } from '$lib/map/label-font';
import { boxHolds, type LonLatBox } from '$lib/geo/tile-coordinates';
import type { OfficerColumns, PostColumns, StationColumns } from '$lib/types/layers';
import { dotId, dotPixels, type DotSize, type IconAtlas } from './icon-atlas.ts';
import { POST_ICONS, STATION_ICON } from './icons.ts';

/** Zoom from which station names are written next to their shields. */
const STATION_LABEL_ZOOM = 11;

export function stationLayers(input: {
	stations: StationColumns;
	posts: PostColumns;
	zoom: number;
	/** the symbols, drawn ahead (loadIconAtlas); no symbols are drawn until they are ready */
	icons: IconAtlas | null;
	/** the label colours of the map drawn on (day by default) */
	labels?: LabelTheme;
	/**
	 * only the stations in this box are named: a province's 1,900 names are 23,000 glyphs, which
	 * software WebGL draws at about 0.5 s a frame however few are in view
	 */
	namedWithin?: LonLatBox;
}): Layer[] {
	const { stations, posts, icons } = input;
	// deck.gl takes a bitmap for iconAtlas (an image prop), though its types say string | Texture;
	// left out, not undefined, until it is ready
	const atlas = icons ? { iconAtlas: icons.image as unknown as string, iconMapping: icons.mapping } : {};
	const layers: Layer[] = [
		new IconLayer({
			id: 'posts',
			data: { length: icons ? posts.id.length : 0 },
			...atlas,
			getIcon: (_: unknown, { index }: { index: number }) => POST_ICONS[posts.kind[index]].id,
			getPosition: (_: unknown, { index }: { index: number }) => posts.position[index],
			getSize: 18,
			sizeUnits: 'pixels',
			pickable: true
		}),
		new IconLayer({
			id: 'stations',
			data: { length: icons ? stations.id.length : 0 },
			...atlas,
			getIcon: () => STATION_ICON.id,
			getPosition: (_: unknown, { index }: { index: number }) => stations.position[index],
			getSize: 30,
			sizeUnits: 'pixels',
			pickable: true
		})
	];
	if (input.zoom >= STATION_LABEL_ZOOM) {
		const named = stationsWithin(stations, input.namedWithin);
		layers.push(
			new TextLayer({
				id: 'station-labels',
				data: named,
				getText: (i: number) => stations.name[i],
				getPosition: (i: number) => stations.position[i],
				getPixelOffset: [0, 24],
				getSize: 13,
				getColor: input.labels === NIGHT_LABELS ? [191, 219, 254, 255] : [11, 61, 145, 255],
				fontFamily: LABEL_FONT,
				fontWeight: 'bold',
				characterSet: 'auto',
				...labelOutline(input.labels ?? DAY_LABELS)
			})
		);
	}
	return layers;
}

/** The indices of the stations inside `box` (every station without one). */
export function stationsWithin(stations: StationColumns, box?: LonLatBox): number[] {
	const all = stations.position.map((_, i) => i);
	return box ? all.filter((i) => boxHolds(box, [...stations.position[i], ...stations.position[i]])) : all;
}

/** Officers as dots: a white ring around their kind's colour, from the symbol image. */
export function officerLayer(officers: OfficerColumns, zoom: number, icons: IconAtlas | null): IconLayer {
	// officers at one post sit within metres of each other: small dots until zoomed in
	const size: DotSize = zoom >= 14 ? 'large' : 'small';
	return new IconLayer({
		id: 'officers',
		data: { length: icons ? officers.id.length : 0 },
		...(icons ? { iconAtlas: icons.image as unknown as string, iconMapping: icons.mapping } : {}),
		getIcon: (_: unknown, { index }: { index: number }) => dotId(officers.kind[index], size),
		getPosition: (_: unknown, { index }: { index: number }) => officers.position[index],
		getSize: dotPixels(size),
		sizeUnits: 'pixels',
		pickable: true,
		updateTriggers: { getIcon: size }
	});
}
