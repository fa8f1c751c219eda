// The file formats both ways and the coordinate systems: what is exported imports back with the
// same geometry (within 1e-7°) and attributes; GCJ-02 converts to WGS84 within a metre; a file
// drawn on a GCJ-02 basemap is recognised as such.
import type { Feature, Geometry, MultiPolygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { generate } from '../../scripts/demo/generate.ts';
import { fromWgs84, mapPositions, toWgs84 } from '../../src/lib/formats/crs.ts';
import { exportFile, EXPORT_FORMATS } from '../../src/lib/formats/export-file.ts';
import { parseCsv, toCsv } from '../../src/lib/formats/csv.ts';
import { readImportFile } from '../../src/lib/formats/read-file.ts';
import { prepareImport } from '../../src/lib/import/prepare.ts';
import { haversineM } from '../../src/lib/geo/distance.ts';

const demo = generate({ scale: 'county', seed: 1 });
const villageCode = new Map(demo.villages.map((v) => [v.id, v.code]));
const grids = demo.grids.slice(0, 40).map((g): Feature<Geometry, Record<string, string>> => ({
	type: 'Feature',
	geometry: g.geom,
	properties: { code: g.code, name: g.name, village_code: villageCode.get(g.village_id)! }
}));
const households = demo.households
	.slice(0, 200)
	.map((h): Feature<Geometry, Record<string, string | number | boolean>> => ({
		type: 'Feature',
		geometry: h.geom,
		properties: { code: h.code, address: h.address, residents: h.residents, rental: h.rental }
	}));

function maxDifference(a: Geometry, b: Geometry): number {
	const flat = (g: Geometry): Position[] =>
		g.type === 'Point'
			? [g.coordinates]
			: g.type === 'Polygon'
				? g.coordinates.flat()
				: (g as MultiPolygon).coordinates.flat(2);
	const pa = flat(a);
	const pb = flat(b);
	expect(pb.length).toBe(pa.length);
	return Math.max(...pa.map((p, i) => Math.max(Math.abs(p[0] - pb[i][0]), Math.abs(p[1] - pb[i][1]))));
}

describe('round trip: export, then import', () => {
	it.each(['geojson', 'shp'] as const)('grids through %s keep geometry and attributes', async (format) => {
		const file = await exportFile('grids', { type: 'FeatureCollection', features: grids }, format);
		const back = prepareImport(await readImportFile(file.fileName, file.bytes), { kind: 'grids' });
		expect(back.validation.problems).toEqual([]);
		expect(back.features.map((f) => f.properties)).toEqual(grids.map((g) => g.properties));
		back.features.forEach((f, i) => {
			const original = grids[i].geometry as MultiPolygon;
			const got =
				f.geometry!.type === 'Polygon'
					? { type: 'MultiPolygon', coordinates: [f.geometry!.coordinates] }
					: f.geometry!;
			expect(maxDifference(original, got as Geometry)).toBeLessThan(1e-7);
		});
	});

	it.each(['geojson', 'shp', 'csv', 'xlsx'] as const)(
		'households through %s keep position and attributes',
		async (format) => {
			const file = await exportFile(
				'households',
				{ type: 'FeatureCollection', features: households },
				format
			);
			const back = prepareImport(await readImportFile(file.fileName, file.bytes), { kind: 'households' });
			expect(back.validation.problems).toEqual([]);
			expect(back.features.map((f) => f.properties)).toEqual(households.map((h) => h.properties));
			back.features.forEach((f, i) =>
				expect(maxDifference(households[i].geometry, f.geometry!)).toBeLessThan(1e-7)
			);
		}
	);

	it('writes CSV that Excel opens: BOM, CRLF, quoted, formulas defused', () => {
		const csv = toCsv(
			['名称', '值'],
			[
				['=1+1', 3],
				['逗号,引号"', null]
			]
		);
		expect(csv.startsWith('\uFEFF"名称","值"\r\n')).toBe(true);
		expect(parseCsv(csv)).toEqual([
			['名称', '值'],
			["'=1+1", '3'],
			['逗号,引号"', '']
		]);
	});

	it('knows all four formats', () => expect(EXPORT_FORMATS).toEqual(['geojson', 'csv', 'xlsx', 'shp']));
});

describe('coordinate systems', () => {
	it('converts GCJ-02 to WGS84 within 1 m (reference: the forward transform of a known point)', () => {
		// 丽水市政府 (WGS84) and the points of the demo county
		const points: Position[] = [
			[119.9229, 28.4676],
			...demo.households.slice(0, 50).map((h) => h.geom.coordinates)
		];
		for (const p of points) {
			const gcj = fromWgs84(p, 'gcj02');
			// the offset in Zhejiang is hundreds of metres: a no-op conversion would be caught
			expect(haversineM(p as [number, number], gcj)).toBeGreaterThan(200);
			expect(haversineM(p as [number, number], toWgs84(gcj, 'gcj02'))).toBeLessThan(0.001);
			expect(haversineM(p as [number, number], toWgs84(fromWgs84(p, 'bd09'), 'bd09'))).toBeLessThan(0.001);
		}
	});

	it('recognises grids drawn on a GCJ-02 basemap and converts them back', async () => {
		const gcj = grids.map((g) => ({
			...g,
			geometry: mapPositions(g.geometry, (p) => fromWgs84(p, 'gcj02'))
		}));
		const file = await exportFile('gcj', { type: 'FeatureCollection', features: gcj }, 'geojson');
		const parsed = await readImportFile(file.fileName, file.bytes);
		const reference = {
			grids: demo.grids.map((g) => ({
				code: g.code,
				village_code: villageCode.get(g.village_id)!,
				geometry: g.geom
			})),
			villages: demo.villages.map((v) => ({ code: v.code, geometry: v.geom }))
		};
		const first = prepareImport(parsed, { kind: 'grids', reference });
		expect(first.notes).toContain('import.likely_gcj02');
		const converted = prepareImport(parsed, { kind: 'grids', reference, crs: 'gcj02' });
		expect(converted.notes).not.toContain('import.likely_gcj02');
		expect(converted.validation.problems).toEqual([]);
		expect(maxDifference(grids[0].geometry, converted.features[0].geometry!)).toBeLessThan(1e-8);
	});

	it('points out swapped latitude and longitude', async () => {
		const swapped = households.map((h) => ({
			...h,
			geometry: mapPositions(h.geometry, (p) => [p[1], p[0]])
		}));
		const file = await exportFile('s', { type: 'FeatureCollection', features: swapped }, 'geojson');
		const parsed = await readImportFile(file.fileName, file.bytes);
		expect(prepareImport(parsed, { kind: 'households' }).notes).toContain('import.swapped');
		const fixed = prepareImport(parsed, { kind: 'households', swap: true });
		expect(fixed.notes).not.toContain('import.swapped');
		expect(fixed.validation.problems).toEqual([]);
	});
});
