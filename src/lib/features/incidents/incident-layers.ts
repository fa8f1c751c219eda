// Incidents of the last 30 days: hexbins of their density when zoomed out, where single points
// would pile up; points coloured by category once they can be told apart. Hexagons are cut to the
// jurisdiction when a mask is given: a cell on the border otherwise spills into the next county,
// as if incidents happened there.
import { HexagonLayer } from '@deck.gl/aggregation-layers';
import { MaskExtension } from '@deck.gl/extensions';
import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { AreaCollection, IncidentColumns, VillageCollection } from '$lib/types/layers';
import { CATEGORY_COLOURS, DENSITY_RAMP } from '$lib/ui/palette';

/** Zoom from which incidents are drawn one by one. */
export const INCIDENT_POINT_ZOOM = 12;

const MASK_ID = 'jurisdiction-mask';
const masked = [new MaskExtension()];

/** The areas hexbins are cut to (drawn into the mask, not on screen). */
export function jurisdictionMask(areas: VillageCollection | AreaCollection): GeoJsonLayer {
	return new GeoJsonLayer({ id: MASK_ID, data: areas, operation: 'mask', filled: true, stroked: false });
}

/** `clipped`: a jurisdictionMask layer is drawn with this one, and hexagons are cut to it. */
export function incidentLayer(
	incidents: IncidentColumns,
	zoom: number,
	clipped = false
): HexagonLayer | ScatterplotLayer {
	const data = { length: incidents.id.length };
	const getPosition = (_: unknown, { index }: { index: number }) => incidents.position[index];
	if (zoom < INCIDENT_POINT_ZOOM) {
		return new HexagonLayer({
			id: 'incident-hexbins',
			data,
			getPosition,
			// CPU aggregation: picking then reports the incidents in a cell for the tooltip
			gpuAggregation: false,
			radius: 1400,
			coverage: 0.88,
			extruded: false,
			opacity: 1,
			colorRange: DENSITY_RAMP,
			pickable: true,
			...(clipped ? { extensions: masked, maskId: MASK_ID } : {})
		});
	}
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
