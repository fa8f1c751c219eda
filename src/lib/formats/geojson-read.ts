// GeoJSON in: a FeatureCollection, one Feature or a bare geometry. Tolerates what desktop tools
// write although RFC 7946 forbids it (NaN, a `crs` member, Z values) and says so in the notes.
import type { Geometry } from 'geojson';
import { crsOfGeoJsonMember } from './crs.ts';
import { FileError, type FileNote, type ParsedFile, type RawFeature } from './parsed.ts';

const NON_FINITE = /([[,:]\s*)-?(?:NaN|Infinity)(?=\s*[,\]}])/g;

function hasZ(g: unknown): boolean {
	const c = (g as { coordinates?: unknown })?.coordinates;
	let probe: unknown = c;
	while (Array.isArray(probe) && Array.isArray(probe[0])) probe = probe[0];
	return Array.isArray(probe) && probe.length > 2;
}

export function readGeoJson(text: string): ParsedFile {
	const notes: FileNote[] = [];
	// the plain search first: the pattern over a city's 48 MB file took twice as long
	if ((text.includes('NaN') || text.includes('Infinity')) && NON_FINITE.test(text)) {
		notes.push('import.note_nan');
		text = text.replace(NON_FINITE, '$1null');
	}
	let doc: Record<string, unknown>;
	try {
		doc = JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
	} catch (e) {
		throw new FileError('import.parse_error', (e as Error).message);
	}
	if (!doc || typeof doc !== 'object') throw new FileError('import.parse_error');
	let features: RawFeature[];
	if (doc.type === 'FeatureCollection' && Array.isArray(doc.features))
		features = doc.features as RawFeature[];
	else if (doc.type === 'Feature') features = [doc as unknown as RawFeature];
	else if (typeof doc.type === 'string' && ('coordinates' in doc || 'geometries' in doc))
		features = [{ type: 'Feature', geometry: doc as unknown as Geometry, properties: {} }];
	else throw new FileError('import.not_geojson');
	// the parsed objects are the file's own: its properties are read, never changed, so they
	// are not copied (a household file held 150k copies, garbage for the collector)
	features = features.map((f) => ({
		type: 'Feature',
		geometry: f?.geometry ?? null,
		properties: f?.properties ?? {}
	}));
	let declaredCrs = null;
	if (doc.crs) {
		notes.push('import.note_crs_member');
		declaredCrs = crsOfGeoJsonMember(doc.crs);
	}
	if (features.some((f) => hasZ(f.geometry))) notes.push('import.note_3d');
	return { format: 'geojson', features, declaredCrs, notes };
}
