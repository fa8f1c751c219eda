// From a parsed file to what the preview shows and the server receives: fields mapped,
// coordinates converted, problems found, guesses about the coordinates pointed out. Pure: the
// import worker, the server's re-check, the tests and the benchmark all run this.
import { SOURCE_CRS, type SourceCrs } from '../formats/crs.ts';
import type { FileNote, ParsedFile, RawFeature } from '../formats/parsed.ts';
import { guessCoordinateColumns, tableFeatures } from '../formats/table.ts';
import type { Areal } from '../geo/types.ts';
import { guessCrs, looksSwapped, type CrsGuess } from './detect.ts';
import { guessMapping, type ImportKind } from './kinds.ts';
import { normalise } from './normalise.ts';
import type { ImportFeature } from './problems.ts';
import { validateFeatures, type ImportReference, type Validation } from './validate.ts';

export type ImportNote =
	| FileNote
	| 'import.swapped'
	| 'import.likely_gcj02'
	| 'import.likely_bd09'
	| 'import.likely_wgs84'
	| 'import.projected_crs';

export interface PrepareOptions {
	kind: ImportKind;
	/** the system the user chose; default: what the file declares, else WGS84 */
	crs?: SourceCrs;
	swap?: boolean;
	/** field → source property or column name; default: guessed from the names */
	mapping?: Record<string, string>;
	/** tables: the coordinate columns by header name; default: guessed */
	columns?: { lon: string; lat: string };
	reference?: ImportReference;
}

export interface Prepared {
	kind: ImportKind;
	crs: SourceCrs;
	swap: boolean;
	mapping: Record<string, string>;
	/** names the mapping can choose from */
	sourceKeys: string[];
	columns: { lon: string; lat: string } | null;
	features: ImportFeature[];
	validation: Validation;
	notes: ImportNote[];
	guess: CrsGuess | null;
}

function propertyKeys(features: RawFeature[]): string[] {
	const keys = new Set<string>();
	for (const f of features.slice(0, 1000)) for (const k of Object.keys(f.properties ?? {})) keys.add(k);
	return [...keys];
}

function referenceAreas(kind: ImportKind, ref: ImportReference | undefined): Areal[] {
	if (!ref) return [];
	if (kind === 'grids' || kind === 'villages' || kind === 'posts')
		return (ref.villages ?? []).map((v) => v.geometry);
	return (ref.grids ?? []).map((g) => g.geometry);
}

/** The file's features as read: a table's rows by its coordinate columns (chosen, else guessed). */
export function rawFeatures(
	file: ParsedFile,
	chosen?: { lon: string; lat: string }
): { raw: RawFeature[]; columns: Prepared['columns']; sourceKeys: string[] } {
	if (!file.table) return { raw: file.features, columns: null, sourceKeys: propertyKeys(file.features) };
	const { header } = file.table;
	const guessed = guessCoordinateColumns(header);
	const columns = chosen ?? { lon: header[guessed.lon] ?? '', lat: header[guessed.lat] ?? '' };
	const raw = tableFeatures(file.table, {
		lon: header.indexOf(columns.lon),
		lat: header.indexOf(columns.lat)
	});
	return { raw, columns, sourceKeys: header };
}

export function prepareImport(file: ParsedFile, o: PrepareOptions): Prepared {
	const { raw, columns, sourceKeys } = rawFeatures(file, o.columns);
	const declared = (SOURCE_CRS as readonly string[]).includes(file.declaredCrs ?? '')
		? (file.declaredCrs as SourceCrs)
		: null;
	const crs = o.crs ?? declared ?? 'wgs84';
	const notes: ImportNote[] = [...file.notes];
	if (file.declaredCrs === 'projected') notes.push('import.projected_crs');
	const swapSuggested = looksSwapped(raw);
	const swap = o.swap ?? false;
	if (swapSuggested && !swap) notes.push('import.swapped');
	const mapping = o.mapping ?? guessMapping(o.kind, sourceKeys);
	const known =
		o.kind === 'grids'
			? (o.reference?.grids ?? [])
			: o.kind === 'villages'
				? (o.reference?.villages ?? [])
				: [];
	const codeKey = mapping.code;
	const guess = guessCrs(raw, referenceAreas(o.kind, o.reference), swap, known, (f) =>
		codeKey === undefined ? null : String(f.properties?.[codeKey] ?? '') || null
	);
	if (guess && guess.likely !== crs) notes.push(`import.likely_${guess.likely}`);
	const features = normalise(raw, { kind: o.kind, mapping, crs, swap });
	const validation = validateFeatures(o.kind, features, o.reference);
	return { kind: o.kind, crs, swap, mapping, sourceKeys, columns, features, validation, notes, guess };
}
