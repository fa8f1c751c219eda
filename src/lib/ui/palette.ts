// The colours that carry meaning on the map and in legends, in one place: incident categories
// (警情类别), officer kinds, the incident density ramp and the planner's block colours. deck.gl
// takes [r, g, b(, a)]; legends take cssColour() of the same values, so map and legend agree.
import type { IncidentCategory, OfficerKind } from '$lib/types/domain';

export type Rgb = [number, number, number];
export type Rgba = [number, number, number, number];

/** One colour per incident category, in the legend's order. */
export const CATEGORY_COLOURS: Record<IncidentCategory, Rgb> = {
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
export const DENSITY_RAMP: Rgba[] = [
	[255, 237, 160, 70],
	[254, 217, 118, 110],
	[254, 178, 76, 150],
	[253, 141, 60, 190],
	[240, 59, 32, 215],
	[189, 0, 38, 235]
];

/** One colour per kind of officer: 民警 dark blue, 辅警 light blue, 警务助理 green. */
export const OFFICER_COLOURS: Record<OfficerKind, Rgb> = {
	police: [23, 37, 84],
	auxiliary: [56, 152, 236],
	assistant: [22, 140, 72]
};

/** Drawn campaign blocks, in turn. */
export const BLOCK_COLOURS: Rgb[] = [
	[22, 163, 74],
	[124, 58, 237],
	[217, 119, 6],
	[8, 145, 178],
	[219, 39, 119],
	[101, 163, 13],
	[79, 70, 229],
	[180, 83, 9]
];
