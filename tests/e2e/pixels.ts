// Reads a screenshot's pixels with the browser's own PNG decoder, so tests can assert that a
// map really drew (a blank or single-colour canvas fails).
import type { Page } from 'playwright-core';

export interface PixelStats {
	/** distinct colours, quantised to 4 bits per channel */
	colours: number;
	/** share of pixels that differ from the most common colour */
	nonBackground: number;
	/** share of pixels close to the given RGB colour */
	near?: number;
}

export async function pixelStats(
	page: Page,
	png: Buffer,
	near?: [number, number, number]
): Promise<PixelStats> {
	const { data } = await rgba(page, png);
	const counts = new Map<number, number>();
	let nearCount = 0;
	for (let i = 0; i < data.length; i += 4) {
		const key = ((data[i] >> 4) << 8) | ((data[i + 1] >> 4) << 4) | (data[i + 2] >> 4);
		counts.set(key, (counts.get(key) ?? 0) + 1);
		if (
			near &&
			Math.abs(data[i] - near[0]) + Math.abs(data[i + 1] - near[1]) + Math.abs(data[i + 2] - near[2]) < 40
		)
			nearCount++;
	}
	const total = data.length / 4;
	const top = Math.max(...counts.values());
	return { colours: counts.size, nonBackground: 1 - top / total, near: near ? nearCount / total : undefined };
}

export interface Rgba {
	width: number;
	height: number;
	/** 4 bytes per pixel, rows top to bottom */
	data: Buffer;
}

/** A PNG's pixels, decoded by the browser, for tests that look at regions or single pixels. */
export async function rgba(page: Page, png: Buffer): Promise<Rgba> {
	const dataUrl = `data:image/png;base64,${png.toString('base64')}`;
	const out = await page.evaluate(async (dataUrl) => {
		const img = new Image();
		img.src = dataUrl;
		await img.decode();
		const canvas = document.createElement('canvas');
		canvas.width = img.width;
		canvas.height = img.height;
		const ctx = canvas.getContext('2d');
		if (!ctx) throw new Error('no 2d context');
		ctx.drawImage(img, 0, 0);
		const bytes = ctx.getImageData(0, 0, img.width, img.height).data;
		let binary = '';
		for (let i = 0; i < bytes.length; i += 0x8000)
			binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
		return { width: img.width, height: img.height, base64: btoa(binary) };
	}, dataUrl);
	return { width: out.width, height: out.height, data: Buffer.from(out.base64, 'base64') };
}

/**
 * The colour of a 12 px square at the middle of the map, where the camera's centre is drawn: the
 * median of each channel, so a label or an outline crossing the square does not shift it.
 */
export async function centreColour(page: Page, shot?: string): Promise<[number, number, number]> {
	const box = (await page.getByTestId('map').boundingBox())!;
	const png = await page.screenshot({
		path: shot,
		clip: { x: box.x + box.width / 2 - 6, y: box.y + box.height / 2 - 6, width: 12, height: 12 }
	});
	const { data } = await rgba(page, png);
	const median = (c: number) => {
		const values: number[] = [];
		for (let i = c; i < data.length; i += 4) values.push(data[i]);
		return values.sort((a, b) => a - b)[values.length >> 1];
	};
	return [median(0), median(1), median(2)];
}

/** Euclidean distance of two RGB colours */
export const distance = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
