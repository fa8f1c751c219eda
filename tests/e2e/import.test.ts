// Importing in the browser: an admin uploads a village's grids drawn on a GCJ-02 basemap, is told
// the coordinates look like GCJ-02, converts them, previews and commits; uploading the same file
// again changes nothing; a broken file gives a translated message and writes nothing. The
// grids are put back exactly as they were at the end (the e2e database persists).
import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fromWgs84, mapPositions } from '../../src/lib/formats/crs.ts';
import { launchChromium, openWatched } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(async () => {
	await browser?.close();
});

type Grids = FeatureCollection<Geometry, { code: string; name: string; village_code: string }>;

async function villageGrids(page: Page, village: string | null): Promise<Grids> {
	const res = await page.request.get(`${baseUrl}/api/export/grids?format=geojson`);
	expect(res.status()).toBe(200);
	const all = (await res.json()) as Grids;
	const code =
		village ??
		all.features.find(
			(f, i, fs) => fs.filter((g) => g.properties.village_code === f.properties.village_code).length >= 3
		)!.properties.village_code;
	return {
		type: 'FeatureCollection',
		features: all.features.filter((f) => f.properties.village_code === code)
	};
}

async function upload(page: Page, name: string, content: string | Buffer): Promise<void> {
	await page.getByTestId('import-file').setInputFiles({
		name,
		mimeType: 'application/geo+json',
		buffer: typeof content === 'string' ? Buffer.from(content) : content
	});
}

describe('importing grids', () => {
	it('points out GCJ-02, converts, commits; the same file again changes nothing; a broken file writes nothing', async () => {
		const { page, errors, requests } = await openWatched(
			browser,
			{ width: 1366, height: 768 },
			'admin@demo.local'
		);
		await page.goto(`${baseUrl}/admin/import`);
		const original = await villageGrids(page, null);
		const village = original.features[0].properties.village_code;
		const n = original.features.length;
		const gcj: Grids = {
			type: 'FeatureCollection',
			features: original.features.map(
				(f) =>
					({ ...f, geometry: mapPositions(f.geometry, (p) => fromWgs84(p, 'gcj02')) }) as Feature<
						Geometry,
						Grids['features'][0]['properties']
					>
			)
		};
		try {
			await page.getByTestId('import-kind').selectOption('grids');
			await upload(page, 'grids-amap.geojson', JSON.stringify(gcj));
			await page.getByTestId('import-preview').waitFor();
			await page.locator('[data-note="import.likely_gcj02"]').waitFor();
			expect(await page.locator('[data-note="import.likely_gcj02"]').innerText()).toContain('GCJ-02');
			// the worker asked for the places within the file's box only (a province's are 35 MB)
			const asked = requests.filter((u) => u.includes('/api/import/reference'));
			expect(asked).toHaveLength(1);
			expect(asked[0]).toMatch(/kind=grids&bbox=[\d.]+,[\d.]+,[\d.]+,[\d.]+$/);
			// as WGS84 the shifted grids leave their village: the problems are listed, commit is off
			expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
			await page.screenshot({ path: 'test-results/screenshots/import-gcj-warning.png' });

			await page.getByTestId('import-crs').selectOption('gcj02');
			await page.getByTestId('import-ok').waitFor();
			expect(await page.locator('[data-note="import.likely_gcj02"]').count()).toBe(0);
			await page.getByTestId('import-commit').click();
			await page.getByTestId('import-summary').waitFor();
			// converted back to within 1e-9°: unchanged or (floating-point) updated, never created
			const first = await page.getByTestId('import-summary').innerText();
			expect(first).toMatch(/新增 0，/);
			await page.screenshot({ path: 'test-results/screenshots/import-summary.png' });

			await page.getByRole('button', { name: '导入其他文件' }).click();
			await upload(page, 'grids-amap.geojson', JSON.stringify(gcj));
			await page.getByTestId('import-preview').waitFor();
			await page.getByTestId('import-crs').selectOption('gcj02');
			await page.getByTestId('import-ok').waitFor();
			await page.getByTestId('import-commit').click();
			await page.getByTestId('import-summary').waitFor();
			expect(await page.getByTestId('import-summary').innerText()).toContain(`新增 0，更新 0，未变 ${n}`);

			// broken files: a translated message, nothing written
			const before = JSON.stringify(await villageGrids(page, village));
			await page.getByRole('button', { name: '导入其他文件' }).click();
			await upload(page, 'broken.geojson', '{"type": "FeatureCollection", "features": [');
			await page.getByTestId('import-error').waitFor();
			expect(await page.getByTestId('import-error').innerText()).toContain('文件无法解析');
			await upload(page, 'bow-tie.geojson', readFileSync('tests/fixtures/import/self-intersection.geojson'));
			await page.getByTestId('import-problems').waitFor();
			expect(await page.getByTestId('import-problems').innerText()).toContain('多边形自相交');
			expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
			await page.screenshot({ path: 'test-results/screenshots/import-problems.png' });
			// the server refuses the same chunk on its own, whatever the page does
			const direct = await page.evaluate(async () => {
				const begin = await fetch('/api/import', {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ kind: 'grids', file_name: 'x' })
				});
				const { batch } = await begin.json();
				const staged = await fetch(`/api/import/${batch}?kind=grids`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					// a staged row without a geometry
					body: JSON.stringify([[{ code: 'x' }, null]])
				});
				return { status: staged.status, body: await staged.json() };
			});
			expect(direct.status).toBe(422);
			expect(direct.body.message).toBe('import_invalid');
			expect(JSON.stringify(await villageGrids(page, village))).toBe(before);
		} finally {
			// put the grids back exactly as they were
			const res = await page.evaluate(
				async (text) => {
					const post = (path: string, body: string) =>
						fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) =>
							r.json()
						);
					const { batch } = await post(
						'/api/import',
						JSON.stringify({ kind: 'grids', file_name: 'restore' })
					);
					await post(`/api/import/${batch}?kind=grids`, text);
					return post(`/api/import/${batch}/commit`, '{}');
				},
				JSON.stringify(original.features.map((f) => [f.properties, f.geometry]))
			);
			expect(res).toMatchObject({ created: 0 });
		}
		expect(JSON.stringify(await villageGrids(page, village))).toBe(JSON.stringify(original));
		// the one console error is the deliberate 422 of the direct request above
		expect(errors.filter((e) => !e.includes('422'))).toEqual([]);
		expect(
			requests.filter((u) => !u.startsWith(baseUrl) && !u.startsWith('blob:') && !u.startsWith('data:'))
		).toEqual([]);
		await page.context().close();
	});

	it('exports layers as CSV (BOM), XLSX and Shapefile, with personal data masked for command rooms', async () => {
		const { page, errors } = await openWatched(browser, { width: 1366, height: 768 }, 'command@demo.local');
		const csv = await page.request.get(`${baseUrl}/api/export/households?format=csv`);
		expect(csv.status()).toBe(200);
		const text = (await csv.body()).toString('utf8');
		expect(text.startsWith('\uFEFF"code","address","head_name","phone"')).toBe(true);
		const phones = text
			.split('\r\n')
			.slice(1, 200)
			.map((line) => line.split('","')[3]);
		expect(phones.filter((p) => p && !p.includes('*'))).toEqual([]);
		for (const format of ['xlsx', 'shp']) {
			const res = await page.request.get(`${baseUrl}/api/export/grids?format=${format}`);
			expect(res.status()).toBe(200);
			expect((await res.body()).subarray(0, 2).toString('latin1')).toBe('PK');
		}
		// the overview's layer export downloads the chosen layer in the chosen format
		await page.goto(`${baseUrl}/`);
		await page.getByTestId('data-export').waitFor();
		await page.getByTestId('export-what').selectOption({ index: 1 });
		await page.getByTestId('export-format').selectOption('csv');
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByTestId('export-download').click()
		]);
		expect(download.suggestedFilename()).toMatch(/^grids-\d{4}-\d{2}-\d{2}\.csv$/);
		await page.screenshot({ path: 'test-results/screenshots/export-layer.png' });
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
