// "Test connection" for a basemap setting, run in the browser that will draw it (the server
// may not see the same network): the URL answers, the answer is what the kind says (a style
// JSON, a PMTiles archive, an image tile), or a key saying what went wrong.
import { absoluteUrl, basemapProblem, type BasemapProblem, type BasemapSetting } from './basemap-setting.ts';
import { usePmtilesProtocol } from './basemap-style.ts';

export type ProbeProblem =
	BasemapProblem | 'basemap_unreachable' | 'basemap_not_style' | 'basemap_not_pmtiles' | 'basemap_not_image';

export type ProbeResult =
	{ ok: true; detail: string } | { ok: false; problem: ProbeProblem; detail?: string };

/** The tile under a point at a zoom, in XYZ rows. */
export function tileAt(lng: number, lat: number, z: number): { x: number; y: number; z: number } {
	const n = 2 ** z;
	const x = Math.floor(((lng + 180) / 360) * n);
	const r = (lat * Math.PI) / 180;
	const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
	return { x, y, z };
}

async function get(url: string): Promise<Response | ProbeResult> {
	try {
		const res = await fetch(url, { cache: 'no-store' });
		return res.ok ? res : { ok: false, problem: 'basemap_unreachable', detail: `HTTP ${res.status}` };
	} catch (e) {
		return { ok: false, problem: 'basemap_unreachable', detail: e instanceof Error ? e.message : String(e) };
	}
}

/** `near`: where to fetch a sample tile (the map's centre). */
export async function probeBasemap(
	setting: BasemapSetting,
	origin: string,
	near: [number, number] = [119.1, 28.5]
): Promise<ProbeResult> {
	const problem = basemapProblem(setting.kind, setting.url);
	if (problem) return { ok: false, problem };
	if (setting.kind === 'offline' || !setting.url) return { ok: true, detail: 'offline' };
	const href = absoluteUrl(setting.url, origin);
	if (setting.kind === 'style') {
		const res = await get(href);
		if (!(res instanceof Response)) return res;
		const style = (await res.json().catch(() => null)) as {
			version?: unknown;
			sources?: unknown;
			layers?: unknown;
		} | null;
		if (!style || style.version !== 8 || typeof style.sources !== 'object' || !Array.isArray(style.layers))
			return { ok: false, problem: 'basemap_not_style' };
		return { ok: true, detail: `${style.layers.length}` };
	}
	if (setting.kind === 'pmtiles') {
		await usePmtilesProtocol();
		const { PMTiles } = await import('pmtiles');
		try {
			const header = await new PMTiles(href).getHeader();
			return { ok: true, detail: `z${header.minZoom}–${header.maxZoom}` };
		} catch (e) {
			const message = e instanceof Error ? e.message : String(e);
			// the library names a wrong magic number; everything else is the network's
			return /magic|spec version|directory|varint/i.test(message)
				? { ok: false, problem: 'basemap_not_pmtiles', detail: message }
				: { ok: false, problem: 'basemap_unreachable', detail: message };
		}
	}
	const { x, y, z } = tileAt(near[0], near[1], 10);
	const tileUrl = href
		.replace('{z}', String(z))
		.replace('{x}', String(x))
		.replace('{y}', String(y))
		.replace('{-y}', String(2 ** z - 1 - y));
	const res = await get(tileUrl);
	if (!(res instanceof Response)) return res;
	try {
		const image = await createImageBitmap(await res.blob());
		const size = `${image.width}×${image.height}`;
		image.close();
		return { ok: true, detail: size };
	} catch {
		return { ok: false, problem: 'basemap_not_image' };
	}
}
