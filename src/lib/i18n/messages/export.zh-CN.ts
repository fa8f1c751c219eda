// 导出: layer, selection and findings exports.
export const exportZhCN = {
	'export.title': '导出数据',
	'export.what': '导出内容',
	'export.format': '格式',
	'export.download': '下载',
	'export.format_geojson': 'GeoJSON',
	'export.format_csv': 'CSV（Excel）',
	'export.format_xlsx': 'Excel（XLSX）',
	'export.format_shp': 'Shapefile（zip）',
	'export.layer_villages': '全部村社',
	'export.layer_grids': '全部网格',
	'export.layer_posts': '全部警务室',
	'export.layer_households': '全部住户',
	'export.layer_incidents': '全部警情',
	'export.this_grid': '本网格边界',
	'export.this_village': '本村社边界',
	'export.grids_of_village': '本村社的网格',
	'export.households_here': '这里的住户',
	'export.incidents_here': '这里的警情',
	'export.masked_note': '无权查看的个人信息（姓名、电话、身份证号）在导出文件中同样打码。',
	'export.findings_xlsx': '导出 Excel',
	'export.findings_shp': '导出 Shapefile'
} as const;
