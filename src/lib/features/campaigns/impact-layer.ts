// 走访后发案变化 on the map: each reached grid filled by its rate ratio against the comparison
// grids (fewer incidents green, more red, on a log scale to halving and doubling), hatched where
// the interval holds 1 (no clear change), grey where there are too few cases for a ratio. The
// hatching is drawn by the GPU (deck.gl's procedural patterns), so it needs no image and no
// network.
import { FillStyleExtension, type FillStyleExtensionProps } from '@deck.gl/extensions';
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature, Geometry } from 'geojson';
import type { CampaignGrids } from './campaign-api.ts';
import { campaignGridLayer } from './campaign-layers.ts';
import type { ImpactRow } from './campaign-impact.ts';

type Rgba = [number, number, number, number];
type GridProperties = CampaignGrids['features'][number]['properties'];

const FEWER: Rgba = [26, 152, 80, 210];
const SAME: Rgba = [255, 255, 191, 210];
const MORE: Rgba = [215, 48, 39, 210];
export const TOO_FEW: Rgba = [150, 150, 150, 110];
/** a grid of the campaign with no row: not two weeks since its first visits (or none yet) */
export const NOT_YET: Rgba = [255, 255, 255, 150];
const HATCH: Rgba = [40, 40, 40, 190];

// one instance: a new extension per render would rebuild the layer's shaders
const HATCHING = new FillStyleExtension({ proceduralPattern: true });

const mix = (a: Rgba, b: Rgba, t: number): Rgba => a.map((x, i) => Math.round(x + (b[i] - x) * t)) as Rgba;

/** The ratio's colour: 1 pale, halving (or less) full green, doubling (or more) full red. */
export function ratioColour(rr: number): Rgba {
	const t = Math.max(-1, Math.min(1, Math.log2(rr)));
	return t < 0 ? mix(SAME, FEWER, -t) : mix(SAME, MORE, t);
}

/** Whether the row says no clear change: a ratio whose interval holds 1. */
export const uncertain = (r: ImpactRow) =>
	r.rr !== null && r.lo !== null && r.hi !== null && r.lo <= 1 && r.hi >= 1;

/**
 * Two layers: the grids filled by their ratio, and over them hatch lines on the uncertain ones
 * only. (One layer with per-grid patterns and background colours drew some multi-part grids with
 * another grid's pattern; constant accessors on a filtered layer cannot mismatch.)
 */
export function impactLayers(
	grids: CampaignGrids,
	rows: ReadonlyMap<number, ImpactRow>,
	version: string
): [GeoJsonLayer, GeoJsonLayer<GridProperties>] {
	const rowOf = (f: { properties: GridProperties }) => rows.get(f.properties.id);
	const hatched: CampaignGrids = {
		type: 'FeatureCollection',
		features: grids.features.filter((f) => {
			const r = rowOf(f);
			return r !== undefined && uncertain(r);
		})
	};
	const hatching: FillStyleExtensionProps<Feature<Geometry, GridProperties>> = {
		getFillPattern: () => 'hatch',
		fillPatternMapping: { hatch: { type: 'hatch', angle: 45, strokeWidth: 1.5, gap: 5 } },
		fillPatternSizeUnits: 'pixels'
	};
	// the base is the campaign map's own grid layer, filled by ratio instead of share visited
	const fill = new Map(
		grids.features.map((f) => {
			const r = rowOf(f);
			return [f.properties.id, !r ? NOT_YET : r.rr === null ? TOO_FEW : ratioColour(r.rr)];
		})
	);
	return [
		campaignGridLayer(grids, fill, `impact:${version}`),
		new GeoJsonLayer<GridProperties>({
			id: 'campaign-impact-hatch',
			data: hatched,
			filled: true,
			stroked: false,
			getFillColor: HATCH,
			...hatching,
			extensions: [HATCHING]
		})
	];
}
