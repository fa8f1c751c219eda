// A layer, or a selection of it (?ids=1,2,3), as GeoJSON, CSV (UTF-8 with BOM), XLSX or a zipped
// Shapefile; ?village=ID or ?grid=ID narrows it to one village or grid. The database decides
// what the caller sees (row-level security) and masks residents' personal data for roles that
// may not read it, as the side panel does. Whole layers are read in slices and the file is
// streamed as it is written (layer-collection.server.ts, streamed.ts), so the server keeps answering
// other requests meanwhile; at most two such exports run at once (heavy-exports.server.ts).
import { error, json } from '@sveltejs/kit';
import { EXPORT_FORMATS, exportStream, type ExportFormat } from '$lib/formats/export-file';
import { IMPORT_KINDS, type ImportKind } from '$lib/import/kinds';
import { dataPort } from '$lib/server/db';
import { dataErrorResponse } from '$lib/server/respond';
import type { RequestHandler } from './$types';
import { streamedBody, takeExportSlot } from './heavy-exports.server';
import { isHeavy, layerCollection, type ExportScope } from './layer-collection.server';

/** Seconds a refused heavy export is told to wait: about what a county's households take. */
const RETRY_AFTER_S = 30;

export const GET: RequestHandler = async ({ params, url, locals }) => {
	const layer = params.layer as ImportKind;
	if (!(IMPORT_KINDS as readonly string[]).includes(layer)) error(404, 'export_unknown_layer');
	const format = (url.searchParams.get('format') ?? 'geojson') as ExportFormat;
	if (!EXPORT_FORMATS.includes(format)) error(400, 'export_unknown_format');
	const idsParam = url.searchParams.get('ids');
	const ids = idsParam ? idsParam.split(',').map(Number) : null;
	if (ids && (ids.length > 100_000 || ids.some((n) => !Number.isSafeInteger(n) || n <= 0)))
		error(400, 'invalid_id');
	const within = (name: string) => {
		const v = url.searchParams.get(name);
		if (v === null) return null;
		const n = Number(v);
		if (!Number.isSafeInteger(n) || n <= 0) error(400, 'invalid_id');
		return n;
	};
	const scope: ExportScope = { ids, village_id: within('village'), grid_id: within('grid') };
	const release = isHeavy(scope) ? takeExportSlot() : () => {};
	if (!release)
		return json(
			{ message: 'export_busy' },
			{ status: 429, headers: { 'retry-after': String(RETRY_AFTER_S), 'cache-control': 'no-store' } }
		);
	let file;
	try {
		const collection = await layerCollection(await dataPort(), layer, scope, locals.claims);
		const stamp = new Date().toISOString().slice(0, 10);
		const where = scope.grid_id
			? `-grid${scope.grid_id}`
			: scope.village_id
				? `-village${scope.village_id}`
				: '';
		file = exportStream(`${layer}${where}-${stamp}`, collection, format);
	} catch (e) {
		release();
		return dataErrorResponse(e);
	}
	return new Response(streamedBody(file.pieces, release), {
		headers: {
			'content-type': file.type,
			'content-disposition': `attachment; filename="${file.fileName}"`,
			'cache-control': 'no-store'
		}
	});
};
