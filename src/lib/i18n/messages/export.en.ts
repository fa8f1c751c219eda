// Export, English.
import type { exportZhCN } from './export.zh-CN.ts';

export const exportEn: Record<keyof typeof exportZhCN, string> = {
	'export.title': 'Export data',
	'export.what': 'What',
	'export.format': 'Format',
	'export.preparing': 'Preparing…',
	'export.download': 'Download',
	'export.format_geojson': 'GeoJSON',
	'export.format_csv': 'CSV (Excel)',
	'export.format_xlsx': 'Excel (XLSX)',
	'export.format_shp': 'Shapefile (zip)',
	'export.layer_villages': 'All villages',
	'export.layer_grids': 'All grids',
	'export.layer_posts': 'All police posts',
	'export.layer_households': 'All households',
	'export.layer_incidents': 'All incidents',
	'export.this_grid': 'This grid’s outline',
	'export.this_village': 'This village’s outline',
	'export.grids_of_village': 'The village’s grids',
	'export.households_here': 'Households here',
	'export.incidents_here': 'Incidents here',
	'export.masked_note': 'Personal data you may not see (names, phones, ID numbers) is masked in exports too.',
	'export.findings_xlsx': 'Export Excel',
	'export.findings_shp': 'Export Shapefile',
	'error.export_busy': 'Several large exports are being prepared; try again in about half a minute'
};
