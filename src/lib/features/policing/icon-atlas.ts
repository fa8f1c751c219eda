// The station and post symbols packed into one image before the map draws. Left to deck.gl's
// auto-packing, the symbols load only after the layer first draws: the first frame shows no
// stations or posts, and a second full frame follows when they arrive.
import { POST_ICONS, STATION_ICON } from './icons.ts';

const ICONS = [STATION_ICON, ...Object.values(POST_ICONS)];
/** pixels between symbols, so linear filtering never bleeds one into the next */
const GAP = 4;

export interface IconAtlas {
	image: ImageBitmap;
	mapping: Record<string, { x: number; y: number; width: number; height: number; anchorY: number }>;
}

let pending: Promise<IconAtlas> | null = null;

/** Draws every symbol into one canvas, once per page. */
export function loadIconAtlas(): Promise<IconAtlas> {
	pending ??= Promise.all(
		ICONS.map(async (icon) => {
			const image = new Image(icon.width, icon.height);
			image.src = icon.url;
			await image.decode();
			return image;
		})
	).then(async (images) => {
		const canvas = document.createElement('canvas');
		canvas.width = ICONS.reduce((w, icon) => w + icon.width + GAP, 0);
		canvas.height = Math.max(...ICONS.map((icon) => icon.height));
		const context = canvas.getContext('2d');
		if (!context) throw new Error('no 2d canvas');
		const mapping: IconAtlas['mapping'] = {};
		let x = 0;
		ICONS.forEach((icon, i) => {
			context.drawImage(images[i], x, 0, icon.width, icon.height);
			mapping[icon.id] = { x, y: 0, width: icon.width, height: icon.height, anchorY: icon.anchorY };
			x += icon.width + GAP;
		});
		// a bitmap, which WebGL uploads directly (a detached canvas it may refuse)
		return { image: await createImageBitmap(canvas), mapping };
	});
	return pending;
}
