// A layer, or a selection of it (?ids=1,2,3), as GeoJSON, CSV (UTF-8 with BOM), XLSX or a zipped
// Shapefile; ?village=ID or ?grid=ID narrows it to one village or grid. The database decides
// what the caller sees (row-level security) and masks residents' personal data for roles that
// may not read it, as the side panel does.
import { error } from '@sveltejs/kit';
import type { FeatureCollection, Geometry } from 'geojson';
import { EXPORT_FORMATS, exportFile, type ExportFormat } from '$lib/formats/export-file';
import type { TableProps } from '$lib/formats/feature-table';
import { IMPORT_KINDS } from '$lib/import/kinds';
import { dataPort } from '$lib/server/db';
import { answering } from '$lib/server/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, locals }) => {
	const layer = params.layer;
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
	const village_id = within('village');
	const grid_id = within('grid');
	return answering(async () => {
		const collection = await (
			await dataPort()
		).call<FeatureCollection<Geometry | null, TableProps>>(
			'export_layer',
			{ kind: layer, ids, village_id, grid_id },
			locals.claims
		);
		const stamp = new Date().toISOString().slice(0, 10);
		const scope = grid_id ? `-grid${grid_id}` : village_id ? `-village${village_id}` : '';
		const file = await exportFile(`${layer}${scope}-${stamp}`, collection, format);
		return new Response(file.bytes as BodyInit, {
			headers: {
				'content-type': file.type,
				'content-disposition': `attachment; filename="${file.fileName}"`,
				'cache-control': 'no-store'
			}
		});
	});
};
