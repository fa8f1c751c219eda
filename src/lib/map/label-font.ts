// deck.gl draws labels from a font atlas it renders with the browser's own fonts, so Chinese
// names need no glyph server. Noto Sans CJK is what Debian and most police desktops have.
export const LABEL_FONT =
	'"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';

/** Light text halo so labels stay legible over any fill. */
export const LABEL_OUTLINE = {
	outlineWidth: 3,
	outlineColor: [255, 255, 255, 230] as [number, number, number, number]
};
