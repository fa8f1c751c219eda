// One colour per incident category (警情类别), in the legend's order.
import type { IncidentCategory } from '$lib/types/domain';

export const CATEGORY_COLOURS: Record<IncidentCategory, [number, number, number]> = {
	criminal: [190, 18, 60],
	public_order: [234, 88, 12],
	dispute: [202, 138, 4],
	fraud: [147, 51, 234],
	traffic: [37, 99, 235],
	assistance: [13, 148, 136],
	fire: [220, 38, 38],
	other: [100, 116, 139]
};

/** Hexbin ramp from few to many incidents; sparse cells stay faint so hotspots stand out. */
export const DENSITY_RAMP: [number, number, number, number][] = [
	[255, 237, 160, 70],
	[254, 217, 118, 110],
	[254, 178, 76, 150],
	[253, 141, 60, 190],
	[240, 59, 32, 215],
	[189, 0, 38, 235]
];
