// Zipped Shapefile out (ESRI whitepaper, 1998): one layer of points or of polygons, a .dbf in
// UTF-8 with a .cpg saying so (ArcGIS and QGIS honour it), and a .prj for WGS84 lon-lat.
// Strings are cut to the format's 254 bytes and field names to its 10 characters.
import type { Feature, Geometry, Position } from 'geojson';
import { zipSync } from 'fflate';
import { wound } from './rings.ts';

export const WGS84_PRJ =
	'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

type Value = string | number | boolean | null | undefined;
type Props = Record<string, Value>;

interface Field {
	key: string;
	name: string;
	type: 'C' | 'N' | 'L';
	length: number;
	decimals: number;
}

const utf8 = new TextEncoder();

function fieldsOf(features: Feature<Geometry | null, Props>[]): Field[] {
	const keys = [...new Set(features.flatMap((f) => Object.keys(f.properties ?? {})))];
	const used = new Set<string>();
	return keys.map((key) => {
		const values = features.map((f) => f.properties?.[key]).filter((v) => v !== null && v !== undefined);
		let name = key.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 10) || 'FIELD';
		for (let i = 1; used.has(name); i++) name = `${name.slice(0, 8)}_${i}`;
		used.add(name);
		if (values.length > 0 && values.every((v) => typeof v === 'boolean'))
			return { key, name, type: 'L', length: 1, decimals: 0 };
		if (values.length > 0 && values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
			const decimals = values.every((v) => Number.isInteger(v)) ? 0 : 9;
			return { key, name, type: 'N', length: 19, decimals };
		}
		const longest = values.reduce<number>((m, v) => Math.max(m, utf8.encode(String(v)).length), 1);
		return { key, name, type: 'C', length: Math.min(254, longest), decimals: 0 };
	});
}

/** Bytes of a string cut at a character boundary so it fits `max` bytes. */
function fitted(text: string, max: number): Uint8Array {
	let bytes = utf8.encode(text);
	while (bytes.length > max) {
		text = text.slice(0, -1);
		bytes = utf8.encode(text);
	}
	return bytes;
}

function dbf(features: Feature<Geometry | null, Props>[], fields: Field[]): Uint8Array {
	const headerLength = 32 + 32 * fields.length + 1;
	const recordLength = 1 + fields.reduce((s, f) => s + f.length, 0);
	const out = new Uint8Array(headerLength + recordLength * features.length + 1);
	const view = new DataView(out.buffer);
	const now = new Date();
	out[0] = 0x03;
	out[1] = now.getFullYear() - 1900;
	out[2] = now.getMonth() + 1;
	out[3] = now.getDate();
	view.setUint32(4, features.length, true);
	view.setUint16(8, headerLength, true);
	view.setUint16(10, recordLength, true);
	fields.forEach((f, i) => {
		const at = 32 + 32 * i;
		out.set(utf8.encode(f.name), at);
		out[at + 11] = f.type.charCodeAt(0);
		out[at + 16] = f.length;
		out[at + 17] = f.decimals;
	});
	out[headerLength - 1] = 0x0d;
	let at = headerLength;
	for (const feature of features) {
		out.fill(0x20, at, at + recordLength);
		let col = at + 1;
		for (const f of fields) {
			const v = feature.properties?.[f.key];
			if (v !== null && v !== undefined) {
				if (f.type === 'C') out.set(fitted(String(v), f.length), col);
				else if (f.type === 'L') out[col] = v ? 0x54 : 0x46;
				else {
					const text = (v as number).toFixed(f.decimals).slice(0, f.length);
					out.set(utf8.encode(text), col + f.length - text.length);
				}
			}
			col += f.length;
		}
		at += recordLength;
	}
	out[at] = 0x1a;
	return out;
}

/** Shells clockwise and holes counter-clockwise, as the format wants. */
function partsOf(g: Geometry): Position[][] {
	if (g.type === 'Polygon') return g.coordinates.map((r, i) => wound(r, i !== 0));
	if (g.type === 'MultiPolygon') return g.coordinates.flatMap((p) => p.map((r, i) => wound(r, i !== 0)));
	return [];
}

function shpAndShx(geometries: (Geometry | null)[], shapeType: 1 | 5): { shp: Uint8Array; shx: Uint8Array } {
	const contents = geometries.map((g) => {
		if (!g) return new Uint8Array([0, 0, 0, 0]); // null shape
		if (shapeType === 1) {
			const c = new DataView(new ArrayBuffer(20));
			const p = (g as { coordinates: Position }).coordinates;
			c.setInt32(0, 1, true);
			c.setFloat64(4, p[0], true);
			c.setFloat64(12, p[1], true);
			return new Uint8Array(c.buffer);
		}
		const parts = partsOf(g);
		const points = parts.flat();
		const c = new DataView(new ArrayBuffer(44 + 4 * parts.length + 16 * points.length));
		c.setInt32(0, 5, true);
		boundsOf(points).forEach((v, i) => c.setFloat64(4 + 8 * i, v, true));
		c.setInt32(36, parts.length, true);
		c.setInt32(40, points.length, true);
		let start = 0;
		parts.forEach((ring, i) => {
			c.setInt32(44 + 4 * i, start, true);
			start += ring.length;
		});
		const base = 44 + 4 * parts.length;
		points.forEach((p, i) => {
			c.setFloat64(base + 16 * i, p[0], true);
			c.setFloat64(base + 16 * i + 8, p[1], true);
		});
		return new Uint8Array(c.buffer);
	});
	const all = geometries.flatMap((g) => (g ? [boundsOf(positionsOf(g))] : []));
	const box = all.length
		? boundsOf(
				all.flatMap((b) => [
					[b[0], b[1]],
					[b[2], b[3]]
				])
			)
		: [0, 0, 0, 0];
	const shpLength = 100 + contents.reduce((s, c) => s + 8 + c.length, 0);
	const shp = new Uint8Array(shpLength);
	const shx = new Uint8Array(100 + 8 * contents.length);
	for (const [out, length] of [
		[shp, shpLength],
		[shx, shx.length]
	] as const) {
		const h = new DataView(out.buffer);
		h.setInt32(0, 9994, false);
		h.setInt32(24, length / 2, false);
		h.setInt32(28, 1000, true);
		h.setInt32(32, shapeType, true);
		box.forEach((v, i) => h.setFloat64(36 + 8 * i, v, true));
	}
	const sv = new DataView(shp.buffer);
	const xv = new DataView(shx.buffer);
	let offset = 100;
	contents.forEach((c, i) => {
		xv.setInt32(100 + 8 * i, offset / 2, false);
		xv.setInt32(104 + 8 * i, c.length / 2, false);
		sv.setInt32(offset, i + 1, false);
		sv.setInt32(offset + 4, c.length / 2, false);
		shp.set(c, offset + 8);
		offset += 8 + c.length;
	});
	return { shp, shx };
}

function positionsOf(g: Geometry): Position[] {
	if (g.type === 'Point') return [g.coordinates];
	if (g.type === 'Polygon') return g.coordinates.flat();
	if (g.type === 'MultiPolygon') return g.coordinates.flat(2);
	return [];
}

/** A loop, not Math.min(...): a layer can hold a million points. */
function boundsOf(points: Position[]): [number, number, number, number] {
	const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const p of points) {
		if (p[0] < b[0]) b[0] = p[0];
		if (p[1] < b[1]) b[1] = p[1];
		if (p[0] > b[2]) b[2] = p[0];
		if (p[1] > b[3]) b[3] = p[1];
	}
	return b;
}

/**
 * A zip holding `<name>.shp/.shx/.dbf/.prj/.cpg`. Points and polygons cannot share a layer: the
 * kind of the first geometry decides, and features of the other kind are left out (counted).
 */
export function shapefileZip(
	name: string,
	features: Feature<Geometry | null, Props>[]
): { zip: Uint8Array; skipped: number } {
	const first = features.find((f) => f.geometry)?.geometry;
	const shapeType = first && first.type === 'Point' ? 1 : 5;
	const fits = (g: Geometry | null) =>
		!g || (shapeType === 1 ? g.type === 'Point' : g.type === 'Polygon' || g.type === 'MultiPolygon');
	const kept = features.filter((f) => fits(f.geometry));
	const { shp, shx } = shpAndShx(
		kept.map((f) => f.geometry),
		shapeType
	);
	const zip = zipSync({
		[`${name}.shp`]: shp,
		[`${name}.shx`]: shx,
		[`${name}.dbf`]: dbf(kept, fieldsOf(kept)),
		[`${name}.prj`]: utf8.encode(WGS84_PRJ),
		[`${name}.cpg`]: utf8.encode('UTF-8')
	});
	return { zip, skipped: features.length - kept.length };
}
