// Incidents of the last 30 days: hexbins of their density when zoomed out, where single points
// would pile up; points coloured by category once they can be told apart. Hexagons are cut to the
// jurisdiction when one is given (a cell on the border otherwise spills into the next county, as
// if incidents happened there). The cells are binned here, not by deck.gl's HexagonLayer, because
// deck.gl's MaskExtension does not cut layers interleaved with MapLibre's, and a cut in
// coordinates also keeps picking and the PNG report inside the border.
import { ScatterplotLayer, SolidPolygonLayer } from '@deck.gl/layers';
import type { AreaClipper } from '$lib/geo/area-clipper';
import { hexbin } from '$lib/geo/hexbin';
import { polygonsOf, type Areal, type Rings } from '$lib/geo/types';
import type { IncidentColumns } from '$lib/types/layers';
import { CATEGORY_COLOURS, DENSITY_RAMP, type Rgba } from '$lib/ui/palette';

/** Zoom from which incidents are drawn one by one. */
export const INCIDENT_POINT_ZOOM = 12;

const HEX_RADIUS_M = 1400;
const HEX_COVERAGE = 0.88;

/** One drawn piece of a cell (a cell cut by the border may fall into several). */
export interface HexPiece {
	polygon: Rings;
	/** incidents in the whole cell */
	count: number;
	colour: Rgba;
}

/** clipped cells by key, per jurisdiction: the grid is fixed, so a cell's cut never changes */
const cuts = new WeakMap<AreaClipper, Map<string, Areal | null>>();

/** Cells of the incidents' density, coloured on DENSITY_RAMP from the fewest to the most. */
export function hexPieces(incidents: IncidentColumns, within: AreaClipper | null): HexPiece[] {
	if (incidents.position.length === 0) return [];
	const cells = hexbin(incidents.position, {
		radiusM: HEX_RADIUS_M,
		// one latitude per whole degree, so cells stay put as incidents come and go
		latitude: Math.round(incidents.position[0][1]),
		coverage: HEX_COVERAGE
	});
	let min = Infinity;
	let max = -Infinity;
	for (const c of cells) {
		min = Math.min(min, c.count);
		max = Math.max(max, c.count);
	}
	const steps = DENSITY_RAMP.length;
	const colourOf = (n: number) =>
		DENSITY_RAMP[max === min ? 0 : Math.min(steps - 1, Math.floor(((n - min) / (max - min)) * steps))];
	let cache = within ? cuts.get(within) : undefined;
	if (within && !cache) cuts.set(within, (cache = new Map()));
	const pieces: HexPiece[] = [];
	for (const cell of cells) {
		let shape: Areal | null = { type: 'Polygon', coordinates: [cell.ring] };
		if (within && cache) {
			if (!cache.has(cell.key)) cache.set(cell.key, within.clip(cell.ring));
			shape = cache.get(cell.key) ?? null;
		}
		if (!shape) continue;
		for (const polygon of polygonsOf(shape))
			pieces.push({ polygon, count: cell.count, colour: colourOf(cell.count) });
	}
	return pieces;
}

/** `within`: the jurisdiction hexagons are cut to (jurisdictionClipper); null draws them whole. */
export function incidentLayer(
	incidents: IncidentColumns,
	zoom: number,
	within: AreaClipper | null = null
): SolidPolygonLayer<HexPiece> | ScatterplotLayer {
	if (zoom < INCIDENT_POINT_ZOOM) {
		return new SolidPolygonLayer<HexPiece>({
			id: 'incident-hexbins',
			data: hexPieces(incidents, within),
			getPolygon: (d) => d.polygon,
			getFillColor: (d) => d.colour,
			// picking reports the piece, whose count is the whole cell's, for the tooltip
			pickable: true
		});
	}
	const data = { length: incidents.id.length };
	const getPosition = (_: unknown, { index }: { index: number }) => incidents.position[index];
	return new ScatterplotLayer({
		id: 'incident-points',
		data,
		getPosition,
		getFillColor: (_: unknown, { index }: { index: number }) => CATEGORY_COLOURS[incidents.category[index]],
		getLineColor: [255, 255, 255, 230],
		stroked: true,
		lineWidthUnits: 'pixels',
		getLineWidth: 1,
		radiusUnits: 'pixels',
		getRadius: 5,
		pickable: true
	});
}
