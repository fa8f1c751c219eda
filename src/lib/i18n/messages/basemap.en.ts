// Basemap settings and the map picture for reports (English).
import type { basemapZhCN } from './basemap.zh-CN.ts';

export const basemapEn: Record<keyof typeof basemapZhCN, string> = {
	'settings.nav': 'Basemap',
	'basemap.title': 'Basemap settings',
	'basemap.subtitle': 'The map under the data, for your account only',
	'basemap.back': 'Back to the map',
	'basemap.choose': 'Basemap source',
	'basemap.kind_offline': 'Built-in offline basemap',
	'basemap.kind_offline_hint': 'Requests nothing from outside; right for offline police networks',
	'basemap.kind_style': 'Style URL (Tianditu, OpenMapTiles …)',
	'basemap.kind_style_hint': 'A MapLibre style JSON on the police network',
	'basemap.kind_pmtiles': 'PMTiles archive',
	'basemap.kind_pmtiles_hint':
		'A .pmtiles file the station hosts: a URL, or a path on this site such as /api/basemap-files/lishui.pmtiles (files go in the server’s .data/basemap folder)',
	'basemap.kind_xyz_gcj02': 'Chinese vendor raster tiles (GCJ-02)',
	'basemap.kind_xyz_gcj02_hint':
		'Tile template such as http://10.0.0.8/tiles/{z}/{x}/{y}.png; the data are shifted to GCJ-02 on the fly to line up',
	'basemap.url_style': 'Style URL',
	'basemap.url_pmtiles': 'PMTiles URL or site path',
	'basemap.url_xyz_gcj02': 'Tile URL template',
	'basemap.current': 'In use: {name}',
	'basemap.current_own': 'your own setting',
	'basemap.current_station': 'station default',
	'basemap.with_detail': '{text} ({detail})',
	'basemap.station_default': 'Station default basemap: {name}',
	'basemap.test': 'Test connection',
	'basemap.testing': 'Testing…',
	'basemap.test_ok': 'Connection works ({detail}); preview below',
	'basemap.save': 'Save',
	'basemap.saving': 'Saving…',
	'basemap.saved': 'Saved; map pages open with the new basemap',
	'basemap.reset': 'Back to the station default',
	'basemap.reset_done': 'Station default basemap restored',
	'basemap.not_saved': 'Not saved, the old setting stays: {detail}',
	'basemap.preview': 'Preview',
	'basemap.preview_failed': 'Preview failed: {detail}',
	'basemap.fallback': 'The chosen basemap could not be loaded; showing the built-in offline one: {detail}',
	'error.basemap_kind_invalid': 'Unknown basemap kind',
	'error.basemap_url_invalid':
		'Invalid address: give an http:// or https:// URL, or a site path starting with /',
	'error.basemap_template_invalid':
		'Invalid tile template: it needs {z}, {x} and {y} (or {-y}) and no other placeholders',
	'error.basemap_unreachable': 'Could not reach this address',
	'error.basemap_not_style':
		'This address did not return a map style JSON (version 8 with sources and layers)',
	'error.basemap_not_pmtiles': 'This file is not a PMTiles archive',
	'error.basemap_not_image': 'The tile this template gives is not an image',

	'report.button': 'Export image',
	'report.button_title': 'Export the current map view with legend, scale bar and title as a PNG',
	'report.busy': 'Rendering…',
	'report.failed': 'Image export failed: {detail}',
	'report.title': '{place} grid policing map',
	'report.title_plan': '{place} policing coverage gaps',
	'report.date': 'Map date: {date}',
	'report.north': 'N'
};
