// A layer's features for export, read from the database in slices. The embedded database
// (PGlite) runs in the server's own thread and answers one query at a time: one call for a
// county's 80,000 households held every other request for 3–10 s. A village's households, or
// 2,000 ids, take tens of milliseconds, and other requests get the database between slices.
// Exact, not sampled: row-level security lets the caller see the households and incidents of
// the villages they see (and a household lies in its grid's village), so the villages the
// caller sees, one by one, give every row the single call gives; sorted by code as it sorts.
// Slices are separate transactions: a row moved between villages during the export could
// appear twice, so codes are kept once.
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { TableProps } from '$lib/formats/feature-table';
import { turn } from '$lib/formats/streamed';
import type { ImportKind } from '$lib/import/kinds';
import type { DataPort } from '$lib/server/db';
import type { Claims } from '$lib/server/db/port';

type Collection = FeatureCollection<Geometry | null, TableProps>;
type ExportFeature = Feature<Geometry | null, TableProps>;

export interface ExportScope {
	ids: number[] | null;
	village_id: number | null;
	grid_id: number | null;
}

/** Ids asked for in one call: ~100 ms of households at most. */
export const IDS_PER_CALL = 2000;

/** Layers large enough at county scale to be read a village at a time. */
const BY_VILLAGE: readonly ImportKind[] = ['households', 'incidents'];

/** A whole layer or a large selection: read slice after slice, and counted against the limit of heavy exports. */
export function isHeavy(scope: ExportScope): boolean {
	if (scope.village_id !== null || scope.grid_id !== null) return false;
	return scope.ids ? scope.ids.length > IDS_PER_CALL : true;
}

const codeOf = (f: ExportFeature) => String(f.properties?.code ?? '');

/** By code as the database sorts codes (bytewise: they are ASCII), each code once. */
function inCodeOrder(features: ExportFeature[]): ExportFeature[] {
	let sorted = true;
	for (let i = 1; i < features.length && sorted; i++) sorted = codeOf(features[i - 1]) <= codeOf(features[i]);
	if (!sorted) {
		const keyed = features.map((f) => [codeOf(f), f] as const);
		keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
		features = keyed.map(([, f]) => f);
	}
	return features.filter((f, i) => i === 0 || codeOf(features[i - 1]) !== codeOf(f));
}

export async function layerCollection(
	port: DataPort,
	layer: ImportKind,
	scope: ExportScope,
	claims: Claims | null
): Promise<Collection> {
	const call = (args: Partial<ExportScope>) =>
		port.call<Collection>(
			'export_layer',
			{ kind: layer, ids: null, village_id: null, grid_id: null, ...args },
			claims
		);
	if (!isHeavy(scope)) return call(scope);
	let slices: Partial<ExportScope>[];
	if (scope.ids) {
		slices = [];
		for (let i = 0; i < scope.ids.length; i += IDS_PER_CALL)
			slices.push({ ids: scope.ids.slice(i, i + IDS_PER_CALL) });
	} else if (BY_VILLAGE.includes(layer)) {
		const villages = await port.call<{ features: { id: number; properties: { code: string } }[] }>(
			'map_layer',
			{ name: 'villages' },
			claims
		);
		// in code order: a row's code starts with its village's, so the slices mostly come sorted
		slices = villages.features
			.map((v) => ({ village_id: v.id, code: v.properties.code }))
			.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
			.map((v) => ({ village_id: v.village_id }));
	} else return call(scope);
	const features: ExportFeature[] = [];
	for (const slice of slices) {
		features.push(...(await call(slice)).features);
		// PGlite answers without leaving the microtask queue: without a turn, requests that
		// arrived meanwhile would wait for the last slice
		await turn();
	}
	return { type: 'FeatureCollection', features: inCodeOrder(features) };
}
