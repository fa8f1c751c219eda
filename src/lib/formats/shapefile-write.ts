// Zipped Shapefile out (ESRI whitepaper, 1998): one layer of points or of polygons, a .dbf in
// UTF-8 with a .cpg saying so (ArcGIS and QGIS honour it), and a .prj for WGS84 lon-lat.
// Strings are cut to the format's 254 bytes and field names to its 10 characters. Made with a
// pause point every few hundred features and streamed as zip pieces (see streamed.ts), so a
// county's households do not hold the server for seconds.
import type { Feature, Geometry, Position } from 'geojson';
import { zipSync } from 'fflate';
import { ZipOut } from './archive.ts';
import { wound } from './rings.ts';
import { finished, NOTHING, Pace, settled, sliced } from './streamed.ts';

export const WGS84_PRJ =
	'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

type Value = string | number | boolean | null | undefined;
type Props = Record<string, Value>;
type Features = Feature<Geometry | null, Props>[];

interface Field {
	key: string;
	name: string;
	type: 'C' | 'N' | 'L';
	length: number;
	decimals: number;
}

const utf8 = new TextEncoder();

/** Features between two pause points. */
const STRIDE = 256;

function* fieldsOf(features: Features): Generator<Uint8Array, Field[]> {
	const keys = new Set<string>();
	for (let i = 0; i < features.length; i++) {
		for (const k of Object.keys(features[i].properties ?? {})) keys.add(k);
		if (i % STRIDE === 0) yield NOTHING;
	}
	const used = new Set<string>();
	const fields: Field[] = [];
	for (const key of keys) {
		let name = key.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 10) || 'FIELD';
		for (let i = 1; used.has(name); i++) name = `${name.slice(0, 8)}_${i}`;
		used.add(name);
		let present = 0;
		let booleans = 0;
		let numbers = 0;
		let integers = 0;
		for (let i = 0; i < features.length; i++) {
			const v = features[i].properties?.[key];
			if (i % STRIDE === 0) yield NOTHING;
			if (v === null || v === undefined) continue;
			present++;
			if (typeof v === 'boolean') booleans++;
			else if (typeof v === 'number' && Number.isFinite(v)) {
				numbers++;
				if (Number.isInteger(v)) integers++;
			}
		}
		if (present > 0 && booleans === present) {
			fields.push({ key, name, type: 'L', length: 1, decimals: 0 });
			continue;
		}
		if (present > 0 && numbers === present) {
			fields.push({ key, name, type: 'N', length: 19, decimals: integers === present ? 0 : 9 });
			continue;
		}
		let longest = 1;
		for (let i = 0; i < features.length; i++) {
			const v = features[i].properties?.[key];
			if (v !== null && v !== undefined) longest = Math.max(longest, utf8.encode(String(v)).length);
			if (i % STRIDE === 0) yield NOTHING;
		}
		fields.push({ key, name, type: 'C', length: Math.min(254, longest), decimals: 0 });
	}
	return fields;
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

function* dbf(features: Features, fields: Field[]): Generator<Uint8Array, Uint8Array> {
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
	for (let i = 0; i < features.length; i++) {
		out.fill(0x20, at, at + recordLength);
		let col = at + 1;
		for (const f of fields) {
			const v = features[i].properties?.[f.key];
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
		if (i % STRIDE === 0) yield NOTHING;
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

function shapeContent(g: Geometry | null, shapeType: 1 | 5): Uint8Array {
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
}

function* shpAndShx(
	geometries: (Geometry | null)[],
	shapeType: 1 | 5
): Generator<Uint8Array, { shp: Uint8Array; shx: Uint8Array }> {
	const contents: Uint8Array[] = [];
	const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
	for (let i = 0; i < geometries.length; i++) {
		const g = geometries[i];
		contents.push(shapeContent(g, shapeType));
		if (g) {
			const b = boundsOf(positionsOf(g));
			box[0] = Math.min(box[0], b[0]);
			box[1] = Math.min(box[1], b[1]);
			box[2] = Math.max(box[2], b[2]);
			box[3] = Math.max(box[3], b[3]);
		}
		if (i % STRIDE === 0) yield NOTHING;
	}
	if (!(box[0] <= box[2])) box.fill(0); // no position at all
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
	for (let i = 0; i < contents.length; i++) {
		const c = contents[i];
		xv.setInt32(100 + 8 * i, offset / 2, false);
		xv.setInt32(104 + 8 * i, c.length / 2, false);
		sv.setInt32(offset, i + 1, false);
		sv.setInt32(offset + 4, c.length / 2, false);
		shp.set(c, offset + 8);
		offset += 8 + c.length;
		if (i % STRIDE === 0) yield NOTHING;
	}
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
 * Points and polygons cannot share a layer: the kind of the first geometry decides, and
 * features of the other kind are left out.
 */
function layerOf(features: Features): { shapeType: 1 | 5; kept: Features } {
	const first = features.find((f) => f.geometry)?.geometry;
	const shapeType = first && first.type === 'Point' ? 1 : 5;
	const fits = (g: Geometry | null) =>
		!g || (shapeType === 1 ? g.type === 'Point' : g.type === 'Polygon' || g.type === 'MultiPolygon');
	return { shapeType, kept: features.filter((f) => fits(f.geometry)) };
}

/** `.shp`, `.shx`, `.dbf`, `.prj` and `.cpg` bytes, with pause points. */
function* shapefileParts(features: Features): Generator<Uint8Array, [string, Uint8Array][]> {
	const { shapeType, kept } = layerOf(features);
	const { shp, shx } = yield* shpAndShx(
		kept.map((f) => f.geometry),
		shapeType
	);
	const table = yield* dbf(kept, yield* fieldsOf(kept));
	return [
		['shp', shp],
		['shx', shx],
		['dbf', table],
		['prj', utf8.encode(WGS84_PRJ)],
		['cpg', utf8.encode('UTF-8')]
	];
}

/** A zip holding `<name>.shp/.shx/.dbf/.prj/.cpg`, in pieces written as they are read. */
export async function* shapefilePieces(name: string, features: Features): AsyncGenerator<Uint8Array> {
	const pace = new Pace();
	const parts = await settled(shapefileParts(features), pace);
	const zip = new ZipOut(pace);
	for (const [ext, bytes] of parts) yield* zip.entry(`${name}.${ext}`, sliced(bytes));
	yield zip.end();
}

/** The same zip whole, at once, and how many features of the other kind were left out. */
export function shapefileZip(name: string, features: Features): { zip: Uint8Array; skipped: number } {
	const parts = finished(shapefileParts(features));
	return {
		zip: zipSync(Object.fromEntries(parts.map(([ext, bytes]) => [`${name}.${ext}`, bytes]))),
		skipped: features.length - layerOf(features).kept.length
	};
}
