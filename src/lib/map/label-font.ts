// deck.gl draws labels from a font atlas it renders with the browser's own fonts, so Chinese
// names need no glyph server. Noto Sans CJK is what Debian and most police desktops have.
export const LABEL_FONT =
	'"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';

type Rgba = [number, number, number, number];

/** Label colours by map: dark text on a light halo on day maps, light on dark on the night wall
 * (dark text with a white halo smeared into a grey blur there). */
export interface LabelTheme {
	/** village names */
	text: Rgba;
	/** township and station names, a step stronger */
	strong: Rgba;
	halo: Rgba;
}

export const DAY_LABELS: LabelTheme = {
	text: [31, 41, 55, 255],
	strong: [15, 23, 42, 255],
	halo: [255, 255, 255, 255]
};

export const NIGHT_LABELS: LabelTheme = {
	text: [226, 232, 240, 255],
	strong: [248, 250, 252, 255],
	halo: [15, 23, 42, 255]
};

/** An opaque halo wide enough to cut the label out of any fill, and an atlas drawn large
 * enough (with room for the halo) that 13-px CJK names stay crisp instead of blurred. */
export const labelOutline = (theme: LabelTheme) => ({
	outlineWidth: 6,
	outlineColor: theme.halo,
	fontSettings: { sdf: true, fontSize: 64, buffer: 10, radius: 16 }
});

/** The day halo, for layers only ever drawn on light maps. */
export const LABEL_OUTLINE = labelOutline(DAY_LABELS);
