// Every symbol of the policing layers packed into one image before the map draws. Left to
// deck.gl's auto-packing, the symbols load only after the layer first draws: the first frame
// shows no stations or posts, and a second full frame follows when they arrive. Officers are
// symbols (a shape per kind, marker-shape.ts) in the same image, so one compiled GPU pipeline (IconLayer's) draws stations, posts and
// officers: each further layer type costs ~0.3 s of shader compiling in software WebGL.
import type { OfficerKind } from '$lib/types/domain';
import { OFFICER_KINDS } from '$lib/types/domain';
import { POST_ICONS, STATION_ICON } from './icons.ts';
import { OFFICER_COLOURS } from '$lib/ui/palette';
import { OFFICER_SHAPES, traceShape } from '$lib/ui/marker-shape';

const SYMBOLS = [STATION_ICON, ...Object.values(POST_ICONS)];
/** pixels between symbols, so linear filtering never bleeds one into the next */
const GAP = 4;
/** officer dots are drawn this many times larger than shown, for smooth edges when scaled down */
const DOT_SCALE = 4;
/** a white ring around the coloured dot, in screen pixels */
export const DOT_RING = 1.2;
/** a transparent margin around each dot, in screen pixels, for the antialiased edge */
const DOT_MARGIN = 0.5;

export type DotSize = 'small' | 'large';
/** dot radius in screen pixels (the centre of the white ring) */
export const DOT_RADIUS: Record<DotSize, number> = { small: 4, large: 6 };

export const dotId = (kind: OfficerKind, size: DotSize) => `officer-${kind}-${size}`;

/** The on-screen size of a dot symbol (its image height), in pixels. */
export const dotPixels = (size: DotSize) => 2 * (DOT_RADIUS[size] + DOT_RING / 2 + DOT_MARGIN);

export interface IconAtlas {
	image: ImageBitmap;
	mapping: Record<string, { x: number; y: number; width: number; height: number; anchorY: number }>;
}

interface Tile {
	id: string;
	width: number;
	height: number;
	anchorY: number;
	draw(context: CanvasRenderingContext2D, x: number): void;
}

function dotTile(kind: OfficerKind, size: DotSize): Tile {
	const side = Math.ceil(dotPixels(size) * DOT_SCALE);
	const outer = (DOT_RADIUS[size] + DOT_RING / 2) * DOT_SCALE;
	const inner = outer - DOT_RING * DOT_SCALE;
	const [r, g, b] = OFFICER_COLOURS[kind];
	return {
		id: dotId(kind, size),
		width: side,
		height: side,
		anchorY: side / 2,
		draw(context, x) {
			const c = side / 2;
			const shape = OFFICER_SHAPES[kind];
			context.fillStyle = '#fff';
			context.beginPath();
			traceShape(context, shape, x + c, c, outer);
			context.fill();
			context.fillStyle = `rgb(${r}, ${g}, ${b})`;
			context.beginPath();
			traceShape(context, shape, x + c, c, inner);
			context.fill();
		}
	};
}

let pending: Promise<IconAtlas> | null = null;

/** Draws every symbol into one image, once per page. */
export function loadIconAtlas(): Promise<IconAtlas> {
	pending ??= Promise.all(
		SYMBOLS.map(async (icon): Promise<Tile> => {
			const image = new Image(icon.width, icon.height);
			image.src = icon.url;
			await image.decode();
			return {
				id: icon.id,
				width: icon.width,
				height: icon.height,
				anchorY: icon.anchorY,
				draw: (context, x) => context.drawImage(image, x, 0, icon.width, icon.height)
			};
		})
	).then(async (symbols) => {
		const tiles = [
			...symbols,
			...OFFICER_KINDS.flatMap((kind) => [dotTile(kind, 'small'), dotTile(kind, 'large')])
		];
		const canvas = document.createElement('canvas');
		// power-of-two sides, as deck.gl's own packing: mipmaps then halve cleanly
		canvas.width = 2 ** Math.ceil(Math.log2(tiles.reduce((w, tile) => w + tile.width + GAP, 0)));
		canvas.height = 2 ** Math.ceil(Math.log2(Math.max(...tiles.map((tile) => tile.height))));
		const context = canvas.getContext('2d');
		if (!context) throw new Error('no 2d canvas');
		// a white veil below deck.gl's alpha cutoff (never drawn): filtering at the symbols' edges
		// then blends towards white, their outline colour, not towards transparent black
		context.fillStyle = 'rgba(255, 255, 255, 0.02)';
		context.fillRect(0, 0, canvas.width, canvas.height);
		const mapping: IconAtlas['mapping'] = {};
		let x = 0;
		for (const tile of tiles) {
			tile.draw(context, x);
			mapping[tile.id] = { x, y: 0, width: tile.width, height: tile.height, anchorY: tile.anchorY };
			x += tile.width + GAP;
		}
		// a bitmap, which WebGL uploads directly (a detached canvas it may refuse); not premultiplied,
		// as deck.gl blends its icons, or every antialiased edge darkens
		return { image: await createImageBitmap(canvas, { premultiplyAlpha: 'none' }), mapping };
	});
	return pending;
}
