// KML in (Google Earth, 奥维 exports): @tmcw/togeojson over an XML DOM that also exists in a
// Web Worker and in Node (@xmldom/xmldom), since workers have no DOMParser.
import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { FileError, type ParsedFile, type RawFeature } from './parsed.ts';

export function readKml(text: string): ParsedFile {
	let doc;
	try {
		doc = new DOMParser().parseFromString(text, 'text/xml');
	} catch (e) {
		throw new FileError('import.parse_error', (e as Error).message);
	}
	const collection = kml(doc as unknown as Document);
	const features = collection.features.map((f): RawFeature => ({
		type: 'Feature',
		geometry: f.geometry,
		properties: { ...(f.properties ?? {}) }
	}));
	// KML is WGS84 lon-lat by definition
	return { format: 'kml', features, declaredCrs: 'wgs84', notes: [] };
}
