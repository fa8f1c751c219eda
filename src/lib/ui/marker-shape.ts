// Point symbols are told apart by shape as well as colour: incidents are circles, each kind of
// officer has its own outline, so 辅警 and a 交通 incident never look alike even in grey or to a
// colour-blind eye. One tracer serves the map's icon atlas, the report's legend and the page
// legend (as a CSS clip-path), so all three draw the same shape.
import type { OfficerKind } from '$lib/types/domain';

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond';

/** 民警 square, 辅警 triangle, 警务助理 diamond; circles are the incidents'. */
export const OFFICER_SHAPES: Record<OfficerKind, MarkerShape> = {
	police: 'square',
	auxiliary: 'triangle',
	assistant: 'diamond'
};

/** The shape's corners on a unit box (0..1), clockwise; a circle has none. */
const CORNERS: Record<Exclude<MarkerShape, 'circle'>, [number, number][]> = {
	square: [
		[0.12, 0.12],
		[0.88, 0.12],
		[0.88, 0.88],
		[0.12, 0.88]
	],
	triangle: [
		[0.5, 0.02],
		[0.98, 0.9],
		[0.02, 0.9]
	],
	diamond: [
		[0.5, 0],
		[1, 0.5],
		[0.5, 1],
		[0, 0.5]
	]
};

/** Adds the shape, centred at (cx, cy) and `r` from centre to edge of its box, to the path. */
export function traceShape(
	context: Pick<CanvasRenderingContext2D, 'arc' | 'moveTo' | 'lineTo' | 'closePath'>,
	shape: MarkerShape,
	cx: number,
	cy: number,
	r: number
): void {
	if (shape === 'circle') {
		context.arc(cx, cy, r, 0, 2 * Math.PI);
		return;
	}
	CORNERS[shape].forEach(([x, y], i) => {
		const px = cx - r + 2 * r * x;
		const py = cy - r + 2 * r * y;
		if (i === 0) context.moveTo(px, py);
		else context.lineTo(px, py);
	});
	context.closePath();
}

/** The same shape as a CSS clip-path, for legend swatches. */
export function shapeClipPath(shape: MarkerShape): string {
	if (shape === 'circle') return 'circle(50%)';
	return `polygon(${CORNERS[shape].map(([x, y]) => `${x * 100}% ${y * 100}%`).join(', ')})`;
}
