// Lines the project's WGS84 data up with a GCJ-02 basemap (the coordinates Chinese vendors'
// tiles are drawn in): every vertex and point is shifted by gcoord once, when the data arrive,
// and the shifted copy is remembered per object, so later renders cost nothing.
//
// Why per vertex and not one shift per view (a deck.gl modelMatrix): GCJ-02's offset has
// sine terms with a period of about 30 km, so around 遂昌 it drifts ~9 m within 5 km and ~30 m
// within 10 km of any reference point (affine correction does no better), i.e. 3–4 pixels at
// zoom 13–14 at the edge of a full-HD view. Per vertex the result is gcoord's own to the metre.
import gcoord from 'gcoord';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

const shifted = new WeakMap<object, unknown>();

export function gcj02Position(p: Position): Position {
	const [x, y] = gcoord.transform([p[0], p[1]], gcoord.WGS84, gcoord.GCJ02);
	return p.length > 2 ? [x, y, ...p.slice(2)] : [x, y];
}

/** A point on a GCJ-02 basemap (a click) back in WGS84, the data's coordinates. */
export function wgs84Position(p: [number, number]): [number, number] {
	const [x, y] = gcoord.transform([p[0], p[1]], gcoord.GCJ02, gcoord.WGS84);
	return [x, y];
}

type Nested = Position | Nested[];
function shiftCoordinates(c: Nested): Nested {
	return typeof c[0] === 'number' ? gcj02Position(c as Position) : (c as Nested[]).map(shiftCoordinates);
}

function shiftGeometry(g: Geometry): Geometry {
	if (g.type === 'GeometryCollection') return { ...g, geometries: g.geometries.map(shiftGeometry) };
	return { ...g, coordinates: shiftCoordinates(g.coordinates as Nested) } as Geometry;
}

const isPair = (v: unknown): v is [number, number] =>
	Array.isArray(v) && v.length >= 2 && typeof v[0] === 'number' && typeof v[1] === 'number';

function shiftAny(value: unknown): unknown {
	if (value === null || typeof value !== 'object') return value;
	const cached = shifted.get(value);
	if (cached !== undefined) return cached;
	let out: unknown;
	const v = value as Record<string, unknown>;
	if (Array.isArray(value)) {
		out = value.map((item) => (isPair(item) ? gcj02Position(item) : shiftAny(item)));
	} else if (v.type === 'FeatureCollection') {
		out = { ...v, features: (v as unknown as FeatureCollection).features.map((f) => shiftAny(f)) };
	} else if (v.type === 'Feature') {
		// properties stay the same object, so a page that updates them in place still sees it drawn
		const f = v as unknown as Feature;
		out = { ...f, geometry: f.geometry && shiftGeometry(f.geometry) };
	} else if (typeof v.type === 'string' && ('coordinates' in v || 'geometries' in v)) {
		out = shiftGeometry(v as unknown as Geometry);
	} else if (Array.isArray(v.position)) {
		// point columns (`{ id: [], position: [[lng, lat]…] }`)
		out = { ...v, position: (v.position as Position[]).map(gcj02Position) };
	} else {
		// a record of layers' data: shift each
		out = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shiftAny(x)]));
	}
	shifted.set(value, out);
	return out;
}

/**
 * The same data in GCJ-02: GeoJSON (collections, features, geometries), point columns with a
 * `position` array, positions, arrays of those, and records of them. Other values pass.
 */
export function toGcj02<T>(value: T): T {
	// a lone position (a click, a marker): a pair of numbers
	if (isPair(value)) return gcj02Position(value) as T;
	return shiftAny(value) as T;
}
