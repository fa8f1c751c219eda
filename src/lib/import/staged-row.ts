// A feature as the import API and import_stage_rows receive it: [properties, place, grid?].
// A point's place is its bare [x, y]: the database reads a city's million household points
// about a quarter faster that way than as GeoJSON objects. Any other geometry (or a point
// without two finite numbers, which the database then names) stays GeoJSON. `grid` is the
// preview's finding of the grid a point lies in, a claim the database checks.
import type { Geometry, Position } from 'geojson';
import { isFinitePosition } from '../geo/types.ts';
import type { FieldValue, ImportFeature } from './problems.ts';

type Properties = Record<string, FieldValue>;

export type StagedRow =
	[Properties, Position | Geometry | null] | [Properties, Position | Geometry | null, string];

export type Stageable = Pick<ImportFeature, 'geometry' | 'properties' | 'grid'>;

export function stagedRow(f: Stageable): StagedRow {
	const g = f.geometry;
	const place =
		g?.type === 'Point' && isFinitePosition(g.coordinates) ? [g.coordinates[0], g.coordinates[1]] : g;
	return f.grid ? [f.properties, place, f.grid] : [f.properties, place];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** The feature a staged row stands for (`index` is its 1-based place in the file); null if
 *  the row is not of this shape. */
export function featureOfRow(row: unknown, index: number): ImportFeature | null {
	if (!Array.isArray(row) || row.length < 2 || row.length > 3 || !isObject(row[0])) return null;
	const [properties, place, grid] = row as [Properties, unknown, unknown];
	if (grid !== undefined && typeof grid !== 'string') return null;
	let geometry: Geometry | null;
	if (place === null) geometry = null;
	else if (Array.isArray(place)) {
		if (place.length !== 2 || !place.every((x) => typeof x === 'number')) return null;
		geometry = { type: 'Point', coordinates: place as Position };
	} else if (isObject(place)) geometry = place as unknown as Geometry;
	else return null;
	return {
		index,
		code: typeof properties.code === 'string' ? properties.code : null,
		properties,
		geometry,
		...(grid ? { grid } : {})
	};
}

/** UTF-8 bytes of a string (a surrogate pair's two halves count two bytes each). */
function utf8Length(s: string): number {
	let n = s.length;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c >= 0x80) n += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
	}
	return n;
}

/** The features as request bodies (JSON arrays of staged rows) of at most `maxBytes` UTF-8
 *  bytes each, or a single row if one alone is larger; `start` and `end` index the features.
 *  A chunk is stringified whole, as many rows as the bytes per row seen so far allow (one call
 *  per chunk instead of one per row: a third less of the sender's work at a million rows). */
export function* stagedChunks(
	features: readonly Stageable[],
	maxBytes: number
): Generator<{ start: number; end: number; body: string }> {
	/** a little under the limit, so that rows larger than those before rarely cost a retry */
	const FILL = 0.97;
	let perRow = 0;
	let start = 0;
	while (start < features.length) {
		// the first chunk guesses from its first row, the others from the chunk before
		perRow ||= utf8Length(JSON.stringify(stagedRow(features[start]))) + 1;
		let end = Math.min(features.length, start + Math.max(1, Math.floor((maxBytes * FILL) / perRow)));
		let body = JSON.stringify(features.slice(start, end).map(stagedRow));
		let bytes = utf8Length(body);
		while (bytes > maxBytes && end - start > 1) {
			end = start + Math.max(1, Math.floor(((end - start) * maxBytes * FILL) / bytes));
			body = JSON.stringify(features.slice(start, end).map(stagedRow));
			bytes = utf8Length(body);
		}
		perRow = bytes / (end - start);
		yield { start, end, body };
		start = end;
	}
}

/** Requests in flight at once: the server stages one chunk while the next travels and the one
 *  after it is built (each row carries its place in the file, so arrival order does not matter). */
export const CHUNKS_IN_FLIGHT = 2;

/** Sends the features in chunks of at most `maxBytes`, CHUNKS_IN_FLIGHT at a time; after a
 *  failure nothing more is sent, and the first failure is thrown once the others are back. */
export async function sendChunks(
	features: readonly Stageable[],
	maxBytes: number,
	send: (chunk: { start: number; end: number; body: string }) => Promise<void>
): Promise<void> {
	const running = new Set<Promise<void>>();
	let failure = null as { error: unknown } | null;
	for (const chunk of stagedChunks(features, maxBytes)) {
		while (running.size >= CHUNKS_IN_FLIGHT) await Promise.race(running);
		if (failure) break;
		const sending: Promise<void> = send(chunk).then(
			() => void running.delete(sending),
			(error: unknown) => {
				running.delete(sending);
				failure ??= { error };
			}
		);
		running.add(sending);
	}
	await Promise.all(running);
	if (failure) throw failure.error;
}
