// The planner's exports: CSV that Excel opens with the Chinese intact (BOM, CRLF, quoted fields)
// and GeoJSON a desktop GIS reads; both list the findings in the order of the page.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/lib/coverage/findings.ts';
import { BOM, csvField, findingsCsv, toCsv } from '../../src/lib/features/gaps/csv.ts';
import { findingsGeoJson } from '../../src/lib/features/gaps/geojson-export.ts';
import type { PlanRow } from '../../src/lib/features/gaps/plan-rows.ts';
import { translate, type MessageKey, type MessageParams } from '../../src/lib/i18n/translate.ts';

const zh = (key: MessageKey, params?: MessageParams) => translate('zh-CN', key, params);
const en = (key: MessageKey, params?: MessageParams) => translate('en', key, params);

const square = {
	type: 'Polygon' as const,
	coordinates: [
		[
			[119.5, 28.5],
			[119.51, 28.5],
			[119.51, 28.51],
			[119.5, 28.51],
			[119.5, 28.5]
		]
	]
};

const unassigned: Finding = {
	kind: 'grid_unassigned',
	id: 'grid_unassigned:12',
	reason: 'gap.grid_unassigned',
	gridId: 12,
	villageId: 1,
	areaKm2: 1.23456,
	geometry: square,
	households: 60,
	population: 161
};
const noAssistant: Finding = {
	kind: 'village_no_assistant',
	id: 'village_no_assistant:2',
	reason: 'gap.village_no_assistant',
	villageId: 2,
	geometry: null,
	households: 12,
	population: 30
};

const row = (f: Finding, extra: Partial<PlanRow>): PlanRow => ({
	id: f.id,
	kind: f.kind,
	finding: f,
	subject: '',
	village: null,
	township: null,
	county: null,
	station: null,
	villageId: null,
	townshipId: null,
	countyId: null,
	stationId: null,
	households: f.households,
	population: f.population,
	areaKm2: 'areaKm2' in f ? f.areaKm2 : null,
	geometry: null,
	outline: null,
	...extra
});

const rows = [
	row(unassigned, {
		subject: '大柘村 "东"网格',
		village: '大柘村',
		township: '大柘镇',
		county: '遂昌县',
		station: '大柘派出所',
		geometry: square
	}),
	row(noAssistant, { subject: '=SUM(A1)', village: '=SUM(A1)', geometry: square })
];

describe('CSV', () => {
	it('quotes every field, doubles quotes and defuses formulas', () => {
		expect(csvField('a,b')).toBe('"a,b"');
		expect(csvField('say "hi"')).toBe('"say ""hi"""');
		expect(csvField('line\nbreak')).toBe('"line\nbreak"');
		expect(csvField(null)).toBe('""');
		expect(csvField(3.5)).toBe('"3.5"');
		expect(csvField(-2)).toBe('"-2"');
		expect(csvField('=1+1')).toBe(`"'=1+1"`);
		expect(csvField('@cmd')).toBe(`"'@cmd"`);
	});

	it('starts with the UTF-8 byte-order mark and ends every line with CRLF', () => {
		const text = toCsv(['名称', '住户'], [['大柘村', 12]]);
		expect(text.startsWith(BOM)).toBe(true);
		expect(text).toBe('\uFEFF"名称","住户"\r\n"大柘村","12"\r\n');
		const bytes = new TextEncoder().encode(text);
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	});

	it('writes the ranked findings with Chinese headers and labels', () => {
		const lines = findingsCsv(rows, zh).slice(1).split('\r\n');
		expect(lines[0]).toBe(
			'"排名","问题类型","说明","对象","县（市、区）","乡镇（街道）","村社","派出所","影响住户","影响人口","面积（平方公里）","编号"'
		);
		expect(lines[1]).toBe(
			'"1","网格无责任民警","该网格没有在岗的责任民警（一格一警未落实）","大柘村 ""东""网格","遂昌县","大柘镇","大柘村","大柘派出所","60","161","1.235","grid_unassigned:12"'
		);
		expect(lines[2]).toContain(`"2","村社无警务助理"`);
		expect(lines[2]).toContain(`"'=SUM(A1)"`);
		expect(lines[2]).toContain(`"12","30","","village_no_assistant:2"`);
		expect(lines[3]).toBe('');
		expect(lines).toHaveLength(4);
	});

	it('labels in English when asked', () => {
		expect(findingsCsv(rows, en).split('\r\n')[0]).toContain('"Rank","Kind","Reason"');
	});
});

describe('GeoJSON', () => {
	it('is a FeatureCollection of the rows in order, with labels and the village outline as fallback', () => {
		const fc = findingsGeoJson(rows, zh);
		expect(fc.type).toBe('FeatureCollection');
		expect(fc.features.map((f) => f.id)).toEqual(['grid_unassigned:12', 'village_no_assistant:2']);
		expect(fc.features[0].properties).toEqual({
			rank: 1,
			id: 'grid_unassigned:12',
			kind: 'grid_unassigned',
			kind_label: '网格无责任民警',
			reason: 'gap.grid_unassigned',
			reason_label: '该网格没有在岗的责任民警（一格一警未落实）',
			subject: '大柘村 "东"网格',
			county: '遂昌县',
			township: '大柘镇',
			village: '大柘村',
			station: '大柘派出所',
			households: 60,
			population: 161,
			area_km2: 1.2346
		});
		// no geometry of its own: the village's outline
		expect(fc.features[1].geometry).toEqual(square);
		expect(fc.features[1].properties.area_km2).toBeNull();
		// survives a round trip through JSON text
		expect(JSON.parse(JSON.stringify(fc))).toEqual(fc);
	});
});
