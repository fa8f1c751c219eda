// A basemap setting as a MapLibre style. The offline style is built at once (the default must
// not wait); the others load the PMTiles protocol first (code split: only those who use it
// download it) and, for an archive, read its header to tell raster from vector tiles.
import maplibregl, { type LayerSpecification, type StyleSpecification } from 'maplibre-gl';
import { absoluteUrl, type BasemapSetting } from './basemap-setting.ts';
import { offlineStyle } from './offline-style.ts';

const SEA = { id: 'sea', type: 'background', paint: { 'background-color': '#dde3ea' } } as const;
/**
 * Raster tiles drawn at once, without MapLibre's fade-in: when the map stops repainting before a
 * fade has run its course (seen in software WebGL), the basemap stays part-transparent over the
 * sea colour, and a station would see its own imagery in the wrong colours.
 */
const NO_FADE = { 'raster-fade-duration': 0 } as const;

let protocol: Promise<void> | null = null;
/** Registers `pmtiles://` with MapLibre once; a configured style may use it too. */
export function usePmtilesProtocol(): Promise<void> {
	protocol ??= import('pmtiles').then(({ Protocol }) => {
		maplibregl.addProtocol('pmtiles', new Protocol().tile);
	});
	return protocol;
}

/** An XYZ template in MapLibre's terms: `{-y}` (TMS rows) becomes `{y}` with the tms scheme. */
export function rasterStyle(template: string, origin: string): StyleSpecification {
	const tms = template.includes('{-y}');
	return {
		version: 8,
		name: 'xyz',
		sources: {
			raster: {
				type: 'raster',
				tiles: [absoluteUrl(template.replace('{-y}', '{y}'), origin)],
				tileSize: 256,
				scheme: tms ? 'tms' : 'xyz',
				maxzoom: 18
			}
		},
		layers: [SEA, { id: 'raster', type: 'raster', source: 'raster', paint: NO_FADE }]
	};
}

interface VectorLayerMeta {
	id: string;
}

/**
 * A PMTiles archive as a style. Raster archives draw as they are; a vector archive has no style
 * of its own, so each of its layers gets a plain fill, line and point look (no labels: they
 * would need a glyph server; our names are drawn by deck.gl).
 */
export async function pmtilesStyle(url: string, origin: string): Promise<StyleSpecification> {
	await usePmtilesProtocol();
	const { PMTiles, TileType } = await import('pmtiles');
	const href = absoluteUrl(url, origin);
	const archive = new PMTiles(href);
	const header = await archive.getHeader();
	const source = `pmtiles://${href}`;
	const bounds: [number, number, number, number] = [
		header.minLon,
		header.minLat,
		header.maxLon,
		header.maxLat
	];
	if (header.tileType !== TileType.Mvt) {
		return {
			version: 8,
			name: 'pmtiles',
			sources: {
				archive: {
					type: 'raster',
					url: source,
					tileSize: 256,
					minzoom: header.minZoom,
					maxzoom: header.maxZoom,
					bounds
				}
			},
			layers: [SEA, { id: 'archive', type: 'raster', source: 'archive', paint: NO_FADE }]
		};
	}
	const meta = (await archive.getMetadata().catch(() => null)) as {
		vector_layers?: VectorLayerMeta[];
	} | null;
	const ids = (meta?.vector_layers ?? []).map((l) => l.id);
	const layers: LayerSpecification[] = [{ ...SEA, paint: { 'background-color': '#f3f1ec' } }];
	for (const id of ids) {
		const common = { source: 'archive', 'source-layer': id } as const;
		layers.push(
			{
				id: `${id}-fill`,
				type: 'fill',
				...common,
				filter: ['==', ['geometry-type'], 'Polygon'],
				paint: {
					'fill-color': /water|ocean|lake|river/i.test(id) ? '#c6d8ea' : '#e9e6df',
					'fill-opacity': 0.8
				}
			},
			{
				id: `${id}-line`,
				type: 'line',
				...common,
				filter: ['==', ['geometry-type'], 'LineString'],
				paint: { 'line-color': /road|street|transport/i.test(id) ? '#ffffff' : '#b9b3a8', 'line-width': 1 }
			},
			{
				id: `${id}-point`,
				type: 'circle',
				...common,
				filter: ['==', ['geometry-type'], 'Point'],
				paint: { 'circle-radius': 1.5, 'circle-color': '#94a3b8' }
			}
		);
	}
	return {
		version: 8,
		name: 'pmtiles',
		sources: { archive: { type: 'vector', url: source, bounds } },
		layers
	};
}

/** The style for a setting: offline at once, the others after their protocol or header. */
export function basemapStyle(
	setting: BasemapSetting,
	origin: string
): StyleSpecification | Promise<StyleSpecification | string> {
	switch (setting.kind) {
		case 'offline':
			return offlineStyle(origin);
		case 'xyz_gcj02':
			return rasterStyle(setting.url ?? '', origin);
		case 'pmtiles':
			return pmtilesStyle(setting.url ?? '', origin);
		case 'style':
			return usePmtilesProtocol().then(() => absoluteUrl(setting.url ?? '', origin));
	}
}
