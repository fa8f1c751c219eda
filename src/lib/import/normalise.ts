// Raw features (any format) to import features: the mapped fields typed, coordinates in WGS84
// 2D, optionally with lon and lat swapped back. Values that do not parse stay as text so the
// validation can name them.
import type { Geometry, Position } from 'geojson';
import { mapPositions, toWgs84, type SourceCrs } from '../formats/crs.ts';
import type { RawFeature } from '../formats/parsed.ts';
import { isFinitePosition } from '../geo/types.ts';
import { KIND_SPECS, type FieldSpec, type ImportKind } from './kinds.ts';
import type { FieldValue, ImportFeature } from './problems.ts';

const TRUE = /^(true|1|y|yes|是|有|t)$/i;
const FALSE = /^(false|0|n|no|否|无|f|)$/i;

function typed(f: FieldSpec, value: unknown): FieldValue {
	if (value === null || value === undefined) return null;
	if (typeof value === 'number' || typeof value === 'boolean') {
		if (f.type === 'text') return String(value);
		return value;
	}
	const text = String(value).trim();
	if (text === '') return null;
	switch (f.type) {
		case 'integer':
			return /^-?\d+$/.test(text) ? Number(text) : text;
		case 'boolean':
			return TRUE.test(text) ? true : FALSE.test(text) ? false : text;
		case 'timestamp': {
			const t = Date.parse(text.replace(' ', 'T'));
			return Number.isNaN(t) ? text : new Date(t).toISOString();
		}
		default:
			return text;
	}
}

function convert(p: Position, crs: SourceCrs, swap: boolean): Position {
	const q = swap ? [p[1], p[0]] : p;
	if (!isFinitePosition(q)) return [q[0] ?? NaN, q[1] ?? NaN];
	return toWgs84(q, crs);
}

export interface NormaliseOptions {
	kind: ImportKind;
	/** field → property name in the source */
	mapping: Record<string, string>;
	crs: SourceCrs;
	swap?: boolean;
}

/** A 2D point of two finite numbers. */
const isPlainPoint = (g: Geometry) =>
	g.type === 'Point' && isFinitePosition(g.coordinates) && g.coordinates.length === 2;

export function normalise(raw: RawFeature[], o: NormaliseOptions): ImportFeature[] {
	const fields = KIND_SPECS[o.kind].fields;
	const kept = o.crs === 'wgs84' && !o.swap;
	return raw.map((f, i) => {
		const properties: Record<string, FieldValue> = {};
		for (const field of fields) {
			const source = o.mapping[field.key];
			if (source === undefined) continue;
			const v = typed(field, f.properties?.[source]);
			if (v !== null) properties[field.key] = v;
		}
		const code = typeof properties.code === 'string' ? properties.code : null;
		let geometry: Geometry | null = f.geometry ?? null;
		try {
			// a WGS84 point as it should be is kept as read (the file's objects are never changed)
			if (geometry && !(kept && isPlainPoint(geometry)))
				geometry = mapPositions(geometry, (p) => convert(p, o.crs, o.swap ?? false));
		} catch {
			// malformed coordinates: validation reports the feature
		}
		return { index: i + 1, code, properties, geometry };
	});
}
