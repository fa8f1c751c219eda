// A copy of what the map shows, with the camera, for pictures drawn outside the map (reports).
export interface MapSnapshot {
	/** device pixels: CSS size × pixelRatio */
	canvas: HTMLCanvasElement;
	center: [number, number];
	zoom: number;
	pixelRatio: number;
}

/** Ground metres per CSS pixel at the centre (web mercator, 512-pixel tiles as MapLibre uses). */
export function metresPerPixel(lat: number, zoom: number): number {
	return (40_075_016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/** A round scale-bar length (1, 2 or 5 × 10ⁿ metres) no longer than maxPx CSS pixels. */
export function scaleBar(lat: number, zoom: number, maxPx: number): { metres: number; px: number } {
	const mpp = metresPerPixel(lat, zoom);
	const max = mpp * maxPx;
	const pow = 10 ** Math.floor(Math.log10(max));
	const metres = [5, 2, 1].map((k) => k * pow).find((m) => m <= max) ?? pow;
	return { metres, px: metres / mpp };
}
