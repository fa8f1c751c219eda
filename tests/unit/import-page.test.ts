// The import page's logic without a browser: a chosen file goes to the worker (which fetches the
// reference within the file's box), the admin's choices go back as they change, and each worker report (preview, progress,
// commit, failure) leaves the page where the admin expects it.
import { describe, expect, it } from 'vitest';
import type { PreviewSummary, ToWorker } from '../../src/lib/features/import/protocol.ts';
import { MAX_IMPORT_BYTES } from '../../src/lib/formats/read-file.ts';
import type { ImportReference } from '../../src/lib/import/validate.ts';
import {
	ImportPage,
	problemLine,
	urgent,
	type ImportPort
} from '../../src/routes/(app)/admin/import/import-page.svelte.ts';

const REFERENCE = { villages: [] } as unknown as ImportReference;

function fakeWorker() {
	const sent: ToWorker[] = [];
	const port: ImportPort = { send: (m) => void sent.push(m) };
	return { port, sent };
}

const summary = (over: Partial<PreviewSummary> = {}): PreviewSummary => ({
	kind: 'grids',
	count: 3,
	crs: 'wgs84',
	swap: false,
	mapping: { code: 'CODE', name: 'NAME' },
	sourceKeys: ['CODE', 'NAME', 'VCODE'],
	columns: null,
	notes: [],
	problems: [],
	problemCount: 0,
	repairable: 0,
	preview: { type: 'FeatureCollection', features: [] },
	bbox: null,
	...over
});

describe('the import page', () => {
	it('sends a chosen file to the worker with its kind and the server, and draws the reference it reports', async () => {
		const { port, sent } = fakeWorker();
		const imp = new ImportPage(port, 'http://here');
		imp.kind = 'villages';
		imp.receive({ type: 'reference', reference: REFERENCE });
		await imp.choose(new File(['{}'], 'villages.geojson'));
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({
			type: 'read',
			name: 'villages.geojson',
			kind: 'villages',
			origin: 'http://here'
		});
		expect(imp.status).toBe('reading');
		expect(imp.busy).toBe(true);
		// the last file's reference is not drawn under this one
		expect(imp.reference).toBeNull();
		imp.receive({ type: 'reference', reference: REFERENCE });
		expect(imp.reference).toBe(REFERENCE);
		expect(imp.fields.map((f) => f.key)).toContain('township_code');
	});

	it('refuses a file over the limit without reading it', async () => {
		const { port, sent } = fakeWorker();
		const imp = new ImportPage(port, 'http://here');
		const big = new File(['x'], 'huge.geojson');
		Object.defineProperty(big, 'size', { value: MAX_IMPORT_BYTES + 1 });
		await imp.choose(big);
		expect(sent).toEqual([]);
		expect(imp.status).toBe('idle');
		expect(imp.failure?.message).toContain('MB');
	});

	it('reports a reference the worker could not fetch, and goes back to idle', async () => {
		const { port } = fakeWorker();
		const imp = new ImportPage(port, 'http://here');
		await imp.choose(new File(['{}'], 'grids.geojson'));
		imp.receive({ type: 'failed', key: 'invalid_bbox', problems: [] });
		expect(imp.failure?.message).toBe('地图范围无效');
		expect(imp.status).toBe('idle');
	});

	it("sends the admin's choices and keeps the mapping's other fields", () => {
		const { port, sent } = fakeWorker();
		const imp = new ImportPage(port, 'http://here');
		imp.receive({ type: 'prepared', summary: summary({ columns: { lon: 'X', lat: 'Y' } }) });
		expect(imp.status).toBe('ready');
		imp.setField('village_code', 'VCODE');
		imp.setField('name', '');
		imp.setColumn('lat', 'LAT');
		imp.setCrs('gcj02');
		expect(sent).toEqual([
			{ type: 'choose', choices: { mapping: { code: 'CODE', name: 'NAME', village_code: 'VCODE' } } },
			{ type: 'choose', choices: { mapping: { code: 'CODE' } } },
			{ type: 'choose', choices: { columns: { lon: 'X', lat: 'LAT' } } },
			{ type: 'choose', choices: { crs: 'gcj02' } }
		]);
		expect(imp.status).toBe('reading');
	});

	it('commits to its own server, follows the progress and shows the summary', () => {
		const { port, sent } = fakeWorker();
		const imp = new ImportPage(port, 'http://here');
		imp.fileName = 'grids.geojson';
		imp.receive({ type: 'prepared', summary: summary() });
		imp.commit();
		expect(sent.at(-1)).toEqual({ type: 'upload', fileName: 'grids.geojson' });
		expect(imp.progress).toEqual({ sent: 0, total: 3 });
		imp.receive({ type: 'progress', sent: 2, total: 3 });
		expect(imp.progress).toEqual({ sent: 2, total: 3 });
		imp.receive({
			type: 'committed',
			summary: {
				kind: 'grids',
				total: 3,
				created: 1,
				updated: 1,
				unchanged: 1,
				redrawn: 1,
				households_moved: 5
			}
		});
		expect(imp.status).toBe('done');
		expect(imp.progress).toBeNull();
		imp.again();
		expect([imp.status, imp.summary, imp.committed]).toEqual(['idle', null, null]);
	});

	it('keeps the preview when the commit fails, and says the database changed nothing', () => {
		const { port } = fakeWorker();
		const imp = new ImportPage(port, 'http://here');
		imp.receive({ type: 'prepared', summary: summary() });
		imp.commit();
		const problem = { index: 2, code: 'G2', problem: 'import.self_intersection' as const };
		imp.receive({ type: 'failed', key: 'import.self_intersection', problems: [problem] });
		expect(imp.status).toBe('ready');
		expect(imp.failure?.atCommit).toBe(true);
		expect(imp.failure?.message).toBe('多边形自相交（边界交叉，或内洞与外边界重合）');
		expect(problemLine(problem)).toBe('第 2 条（G2）：多边形自相交（边界交叉，或内洞与外边界重合）');
		// a failure before any preview leaves nothing to commit; a server key reads as its error
		const fresh = new ImportPage(port, 'http://here');
		fresh.receive({ type: 'failed', key: 'import_invalid', problems: [] });
		expect(fresh.status).toBe('idle');
		expect(fresh.failure).toMatchObject({ message: '导入数据未通过校验', atCommit: false });
	});

	it('names the missing field in its own words, and marks the notes that ask for a decision', () => {
		expect(problemLine({ index: 1, code: null, problem: 'import.field_missing', other: 'code' })).toBe(
			'第 1 条（–）：缺少必填字段“编码”'
		);
		expect(urgent('import.likely_gcj02')).toBe(true);
		expect(urgent('import.swapped')).toBe(true);
		expect(urgent('import.crs_detected')).toBe(false);
	});
});
