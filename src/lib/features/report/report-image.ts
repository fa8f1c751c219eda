// The map view as a picture for a report: a title band (place and date), the map as drawn, the
// legend drawn from the same items the page shows, a scale bar and a north arrow. Canvas 2D in
// CSS pixels scaled to the map's device pixels, so the map copy keeps its full sharpness.
import { LABEL_FONT } from '$lib/map/label-font';
import { scaleBar, type MapSnapshot } from '$lib/map/map-snapshot';
import type { LegendItem } from '$lib/ui/legend-item';
import { traceShape } from '$lib/ui/marker-shape';

export interface ReportText {
	title: string;
	subtitle: string;
	legendTitle: string;
	north: string;
}

/** Height of the title band in CSS pixels. */
export const HEADER_PX = 64;
const PAD = 12;
const ROW = 20;

const font = (px: number, weight = 400) => `${weight} ${px}px ${LABEL_FONT}`;

function loadImage(src: string): Promise<HTMLImageElement | null> {
	const img = new Image();
	img.src = src;
	return img.decode().then(
		() => img,
		() => null
	);
}

function drawLegend(
	ctx: CanvasRenderingContext2D,
	items: LegendItem[],
	icons: Map<string, HTMLImageElement | null>,
	title: string,
	x: number,
	bottom: number
): void {
	ctx.font = font(13);
	const textWidth = Math.max(...items.map((i) => ctx.measureText(i.label).width), 0);
	ctx.font = font(12, 600);
	const width = Math.max(ctx.measureText(title).width, textWidth + 26, 150) + 2 * PAD;
	const rows = items.reduce((n, i) => n + (i.kind === 'ramp' ? 2.2 : 1), 0);
	const height = PAD * 2 + 18 + rows * ROW;
	const y = bottom - height;
	ctx.fillStyle = 'rgba(255,255,255,0.94)';
	ctx.strokeStyle = 'rgba(15,23,42,0.25)';
	ctx.lineWidth = 1;
	ctx.beginPath();
	ctx.roundRect(x, y, width, height, 6);
	ctx.fill();
	ctx.stroke();
	ctx.fillStyle = '#475569';
	ctx.textBaseline = 'middle';
	ctx.fillText(title, x + PAD, y + PAD + 7);
	let cy = y + PAD + 18 + ROW / 2;
	ctx.font = font(13);
	for (const item of items) {
		const sx = x + PAD;
		if (item.kind === 'ramp') {
			ctx.fillStyle = '#334155';
			ctx.fillText(item.label, sx, cy);
			const gradient = ctx.createLinearGradient(sx, 0, x + width - PAD, 0);
			item.colours.forEach((c, i) => gradient.addColorStop(i / Math.max(1, item.colours.length - 1), c));
			ctx.fillStyle = gradient;
			ctx.fillRect(sx, cy + 10, width - 2 * PAD, 8);
			ctx.font = font(11);
			ctx.fillStyle = '#64748b';
			ctx.fillText(item.low, sx, cy + 28);
			ctx.textAlign = 'right';
			ctx.fillText(item.high, x + width - PAD, cy + 28);
			ctx.textAlign = 'left';
			ctx.font = font(13);
			cy += ROW * 2.2;
			continue;
		}
		if (item.kind === 'fill') {
			ctx.fillStyle = item.colour;
			ctx.fillRect(sx, cy - 7, 14, 14);
			ctx.strokeStyle = 'rgba(15,23,42,0.15)';
			ctx.strokeRect(sx + 0.5, cy - 6.5, 13, 13);
		} else if (item.kind === 'dot') {
			ctx.fillStyle = item.colour;
			ctx.beginPath();
			traceShape(ctx, item.shape ?? 'circle', sx + 7, cy, 5);
			ctx.fill();
		} else if (item.kind === 'line') {
			ctx.strokeStyle = item.colour;
			ctx.lineWidth = item.width ?? 2;
			ctx.setLineDash(item.dashed ? [4, 3] : []);
			ctx.beginPath();
			ctx.moveTo(sx, cy);
			ctx.lineTo(sx + 16, cy);
			ctx.stroke();
			ctx.setLineDash([]);
			ctx.lineWidth = 1;
		} else if (item.kind === 'icon') {
			const img = icons.get(item.src);
			if (img) ctx.drawImage(img, sx, cy - 8, 16, 16);
		}
		ctx.fillStyle = '#334155';
		ctx.fillText(item.label, sx + 24, cy);
		cy += ROW;
	}
}

function drawScale(ctx: CanvasRenderingContext2D, map: MapSnapshot, right: number, bottom: number): void {
	const { metres, px } = scaleBar(map.center[1], map.zoom, 120);
	const label = metres >= 1000 ? `${metres / 1000} km` : `${metres} m`;
	const x = right - px - PAD;
	ctx.fillStyle = 'rgba(255,255,255,0.9)';
	ctx.fillRect(x - 8, bottom - 34, px + 16, 28);
	ctx.strokeStyle = '#1e293b';
	ctx.lineWidth = 2;
	ctx.beginPath();
	ctx.moveTo(x, bottom - 18);
	ctx.lineTo(x, bottom - 12);
	ctx.lineTo(x + px, bottom - 12);
	ctx.lineTo(x + px, bottom - 18);
	ctx.stroke();
	ctx.fillStyle = '#1e293b';
	ctx.font = font(11);
	ctx.textAlign = 'center';
	ctx.textBaseline = 'alphabetic';
	ctx.fillText(label, x + px / 2, bottom - 20);
	ctx.textAlign = 'left';
}

function drawNorth(ctx: CanvasRenderingContext2D, label: string, cx: number, top: number): void {
	ctx.fillStyle = 'rgba(255,255,255,0.9)';
	ctx.beginPath();
	ctx.arc(cx, top + 24, 20, 0, 2 * Math.PI);
	ctx.fill();
	ctx.fillStyle = '#1e293b';
	ctx.beginPath();
	ctx.moveTo(cx, top + 8);
	ctx.lineTo(cx + 7, top + 28);
	ctx.lineTo(cx, top + 24);
	ctx.lineTo(cx - 7, top + 28);
	ctx.closePath();
	ctx.fill();
	ctx.font = font(11, 700);
	ctx.textAlign = 'center';
	ctx.textBaseline = 'alphabetic';
	ctx.fillText(label, cx, top + 40);
	ctx.textAlign = 'left';
}

/** The picture as a canvas: width = the map's, height = the map's + the title band. */
export async function reportCanvas(
	map: MapSnapshot,
	legend: LegendItem[],
	text: ReportText
): Promise<HTMLCanvasElement> {
	const r = map.pixelRatio;
	const width = map.canvas.width / r;
	const height = map.canvas.height / r;
	const icons = new Map(
		await Promise.all(
			legend
				.filter((i): i is Extract<LegendItem, { kind: 'icon' }> => i.kind === 'icon')
				.map(async (i) => [i.src, await loadImage(i.src)] as const)
		)
	);
	await document.fonts.load(font(22, 700), text.title).catch(() => undefined);
	const out = document.createElement('canvas');
	out.width = map.canvas.width;
	out.height = Math.round((height + HEADER_PX) * r);
	const ctx = out.getContext('2d');
	if (!ctx) throw new Error('no 2d canvas');
	ctx.scale(r, r);
	ctx.fillStyle = '#ffffff';
	ctx.fillRect(0, 0, width, HEADER_PX);
	ctx.fillStyle = '#0f172a';
	ctx.font = font(22, 700);
	ctx.textBaseline = 'alphabetic';
	ctx.fillText(text.title, 20, 32);
	ctx.fillStyle = '#475569';
	ctx.font = font(13);
	ctx.fillText(text.subtitle, 20, 53);
	ctx.fillStyle = '#1d4ed8';
	ctx.fillRect(0, HEADER_PX - 3, width, 3);
	ctx.drawImage(map.canvas, 0, HEADER_PX, width, height);
	ctx.strokeStyle = '#94a3b8';
	ctx.lineWidth = 1;
	ctx.strokeRect(0.5, HEADER_PX + 0.5, width - 1, height - 1);
	if (legend.length) drawLegend(ctx, legend, icons, text.legendTitle, PAD, HEADER_PX + height - PAD);
	drawScale(ctx, map, width, HEADER_PX + height - 6);
	drawNorth(ctx, text.north, width - 36, HEADER_PX + 10);
	return out;
}

export function canvasPng(canvas: HTMLCanvasElement): Promise<Blob> {
	return new Promise((done, fail) =>
		canvas.toBlob((b) => (b ? done(b) : fail(new Error('PNG encoding failed'))), 'image/png')
	);
}
