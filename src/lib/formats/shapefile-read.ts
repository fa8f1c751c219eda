// Zipped Shapefile in: the .shp/.dbf/.prj/.cpg of the first layer in the zip. The .dbf text
// is read in the .cpg's encoding, else UTF-8 when valid, else GBK (what Chinese ArcGIS writes).
// Only those entries are unpacked, within the archive limits (archive.ts).
import type { Geometry } from 'geojson';
import { read } from 'shapefile';
import { unzipEntry, zipEntries } from './archive.ts';
import { crsOfPrj } from './crs.ts';
import { FileError, type FileNote, type ParsedFile, type RawFeature } from './parsed.ts';
import { rfc7946Rings } from './rings.ts';
import { decodeText, encodingOfCpg } from './text.ts';

function dbfEncoding(dbf: Uint8Array): string {
	const headerLength = dbf[8] | (dbf[9] << 8);
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(dbf.subarray(headerLength));
		return 'utf-8';
	} catch {
		return 'gb18030';
	}
}

function rfc7946(g: Geometry | null): Geometry | null {
	if (!g) return null;
	if (g.type === 'Polygon') return { type: 'Polygon', coordinates: rfc7946Rings(g.coordinates) };
	if (g.type === 'MultiPolygon')
		return { type: 'MultiPolygon', coordinates: g.coordinates.map(rfc7946Rings) };
	return g;
}

export async function readShapefileZip(zip: Uint8Array): Promise<ParsedFile> {
	const entries = new Map(zipEntries(zip).map((e) => [e.name, e]));
	const names = [...entries.keys()].filter((n) => !n.startsWith('__MACOSX/'));
	const shpName = names.find((n) => /\.shp$/i.test(n));
	if (!shpName) throw new FileError('import.zip_without_shp');
	const base = shpName.slice(0, -4);
	const part = (ext: string) => names.find((n) => n.slice(0, -4) === base && n.toLowerCase().endsWith(ext));
	const dbfName = part('.dbf');
	const prjName = part('.prj');
	const cpgName = part('.cpg');
	const files: Record<string, Uint8Array> = {};
	for (const name of [shpName, dbfName, prjName, cpgName])
		if (name) files[name] = unzipEntry(zip, entries.get(name)!);
	const notes: FileNote[] = [];
	let encoding = cpgName ? encodingOfCpg(decodeText(files[cpgName])) : undefined;
	if (!encoding && dbfName) {
		encoding = dbfEncoding(files[dbfName]);
		if (encoding === 'gb18030') notes.push('import.note_gbk');
	}
	const declaredCrs = prjName ? crsOfPrj(decodeText(files[prjName])) : null;
	if (!prjName) notes.push('import.note_no_prj');
	const collection = await read(
		files[shpName].slice().buffer,
		dbfName ? files[dbfName].slice().buffer : undefined,
		{ encoding: encoding ?? 'utf-8' }
	).catch((e: Error) => {
		throw new FileError('import.parse_error', e.message);
	});
	const features = collection.features.map((f): RawFeature => ({
		type: 'Feature',
		geometry: rfc7946(f.geometry),
		properties: { ...(f.properties ?? {}) }
	}));
	return { format: 'shapefile', features, declaredCrs, notes };
}
