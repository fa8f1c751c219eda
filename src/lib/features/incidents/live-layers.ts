// What the live map adds on top of the incident density: red rings on overdue disputes, and
// the point being recorded. (New incidents pulse as HTML markers: pulse-marker.ts.)
import { ScatterplotLayer } from '@deck.gl/layers';
import type { LonLat } from '$lib/types/layers';

export function overdueLayer(positions: readonly LonLat[]): ScatterplotLayer<LonLat> {
	return new ScatterplotLayer<LonLat>({
		id: 'overdue-disputes',
		data: positions as LonLat[],
		getPosition: (d) => d,
		filled: true,
		stroked: true,
		getFillColor: [239, 68, 68, 90],
		getLineColor: [248, 113, 113, 255],
		radiusUnits: 'pixels',
		lineWidthUnits: 'pixels',
		getRadius: 11,
		getLineWidth: 2.5
	});
}

export function pickedPointLayer(position: LonLat | null): ScatterplotLayer<LonLat> | null {
	if (!position) return null;
	return new ScatterplotLayer<LonLat>({
		id: 'intake-point',
		data: [position],
		getPosition: (d) => d,
		getFillColor: [250, 204, 21, 255],
		getLineColor: [15, 23, 42, 255],
		stroked: true,
		radiusUnits: 'pixels',
		lineWidthUnits: 'pixels',
		getRadius: 8,
		getLineWidth: 2
	});
}
