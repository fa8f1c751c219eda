// Every bad file of the fixture library gives its translated message in the preview (the pure
// part: reading, mapping, converting, validating), against the same county the db suite seeds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../scripts/demo/generate.ts';
import { FileError } from '../../src/lib/formats/parsed.ts';
import { readImportFile } from '../../src/lib/formats/read-file.ts';
import { en } from '../../src/lib/i18n/messages/en.ts';
import { zhCN } from '../../src/lib/i18n/messages/zh-CN.ts';
import type { ImportKind } from '../../src/lib/import/kinds.ts';
import { prepareImport } from '../../src/lib/import/prepare.ts';
import type { ImportReference } from '../../src/lib/import/validate.ts';

const dir = join(import.meta.dirname, '../fixtures/import');
const { cases } = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as {
	cases: { file: string; kind: ImportKind; expect: string; also?: string }[];
};

let reference: ImportReference;
beforeAll(() => {
	const demo = generate({ scale: 'county', seed: 1 });
	const villageCode = new Map(demo.villages.map((v) => [v.id, v.code]));
	reference = {
		villages: demo.villages.map((v) => ({ code: v.code, geometry: v.geom })),
		grids: demo.grids.map((g) => ({
			code: g.code,
			village_code: villageCode.get(g.village_id)!,
			geometry: g.geom
		})),
		stations: demo.stations.map((s) => s.code),
		townships: demo.townships.map((t) => t.code)
	};
});

/** Every message the preview would show for a file. */
export async function messagesOf(file: string, kind: ImportKind, ref: ImportReference): Promise<string[]> {
	try {
		const parsed = await readImportFile(file, new Uint8Array(readFileSync(join(dir, file))));
		const prepared = prepareImport(parsed, { kind, reference: ref });
		return [...prepared.notes, ...prepared.validation.problems.map((p) => p.problem)];
	} catch (e) {
		if (e instanceof FileError) return [e.key];
		throw e;
	}
}

describe('the fixture library of bad import files', () => {
	it('has at least 25 cases', () => expect(cases.length).toBeGreaterThanOrEqual(25));

	it.each(cases)('$file → $expect', async (c) => {
		const messages = await messagesOf(c.file, c.kind, reference);
		expect(messages).toContain(c.expect);
		if (c.also) expect(messages).toContain(c.also);
		// translated in both languages
		for (const key of [c.expect, c.also].filter(Boolean) as string[]) {
			expect((zhCN as Record<string, string>)[key], key).toBeTruthy();
			expect((en as Record<string, string>)[key], key).toBeTruthy();
		}
	});

	it('reads the Chinese names of a GBK .dbf', async () => {
		const parsed = await readImportFile(
			'g.zip',
			new Uint8Array(readFileSync(join(dir, 'shapefile-gbk-dbf.zip')))
		);
		expect(parsed.features[0].properties.name).toBe('东门网格');
	});

	it('maps Chinese CSV headers to fields', async () => {
		const parsed = await readImportFile(
			'h.csv',
			new Uint8Array(readFileSync(join(dir, 'households-chinese-headers.csv')))
		);
		const prepared = prepareImport(parsed, { kind: 'households', reference });
		expect(prepared.mapping).toMatchObject({ code: '编号', address: '地址', head_name: '户主' });
		expect(prepared.columns).toEqual({ lon: '经度', lat: '纬度' });
		expect(prepared.features[0].properties).toMatchObject({
			code: 'FX-H-1',
			address: '某村1号',
			head_name: '张三'
		});
		// only the second row lies outside every grid
		expect(prepared.validation.problems.map((p) => [p.index, p.problem])).toEqual([
			[2, 'import.outside_grids']
		]);
		// the others carry the grid they were found in, a claim the database checks
		const gridCodes = new Set((reference.grids ?? []).map((g) => g.code));
		expect(prepared.features[1].grid).toBeUndefined();
		for (const f of prepared.features.filter((f) => f.index !== 2))
			expect(gridCodes.has(f.grid ?? ''), String(f.index)).toBe(true);
	});

	it('offers a repaired shape for a bow-tie and for an unclosed ring', async () => {
		for (const file of ['self-intersection.geojson', 'unclosed-ring.geojson']) {
			const parsed = await readImportFile(file, new Uint8Array(readFileSync(join(dir, file))));
			const [problem] = prepareImport(parsed, { kind: 'grids', reference }).validation.problems;
			expect(problem.repaired, file).toBeTruthy();
		}
	});
});
