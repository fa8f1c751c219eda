// The colours that carry meaning on the map and in legends, in one place: incident categories
// (警情类别), officer kinds, the grids' assignment state, the incident density ramp and the
// planner's block colours. deck.gl takes [r, g, b(, a)]; legends take cssColour() of the same
// values, so map and legend agree. Categories, officer kinds and grid fills are shown together on
// one map: they were chosen (by a search over CIEDE2000 distances, near each meaning's usual hue)
// to stay apart for normal and deuteranopic vision; tests/unit/palette.test.ts holds the minimums.
import type { IncidentCategory, OfficerKind } from '$lib/types/domain';

export type Rgb = [number, number, number];
export type Rgba = [number, number, number, number];

/** One colour per incident category, in the legend's order. */
export const CATEGORY_COLOURS: Record<IncidentCategory, Rgb> = {
	criminal: [136, 0, 56],
	public_order: [205, 132, 100],
	dispute: [236, 184, 80],
	fraud: [157, 67, 165],
	traffic: [0, 62, 176],
	assistance: [2, 111, 100],
	fire: [201, 22, 2],
	other: [125, 134, 151]
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

/** One colour per kind of officer: 民警 dark indigo, 辅警 sky blue, 警务助理 green; each also has
 * its own shape (marker-shape.ts), never the incidents' circle. */
export const OFFICER_COLOURS: Record<OfficerKind, Rgb> = {
	police: [78, 69, 120],
	auxiliary: [14, 154, 254],
	assistant: [47, 109, 4]
};

/** Grid fills by 一格一警 state: sage with an officer, magenta without (no incident colour is
 * near either, so a gap is never read as an incident cluster). */
export const GRID_ASSIGNED: Rgba = [132, 173, 152, 100];
export const GRID_UNASSIGNED: Rgba = [254, 113, 255, 150];

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
