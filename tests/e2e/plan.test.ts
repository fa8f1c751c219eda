// The planner's view in Chromium: the engine runs in a Web Worker over the planner's data, the
// findings are ranked by households, the kind filter narrows the list, a longer reach leaves fewer
// villages beyond reach, a selected finding is flown to and outlined, a finding clicked on the map
// is selected, the CSV opens in Excel with its Chinese intact, nothing leaves the origin and
// nothing is logged as an error.
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { MAPPED_KINDS } from '../../src/lib/features/gaps/gap-layers.ts';
import { interiorPoint } from '../../src/lib/geo/interior-point.ts';
import {
	launchChromium,
	mapReport,
	openWatched,
	settledCamera,
	waitForMap,
	waitForMapReport
} from './browser.ts';
import { pixelStats } from './pixels.ts';

const baseUrl = inject('baseUrl');
const SHOTS = 'test-results/screenshots';
let browser: Browser;

beforeAll(async () => {
	mkdirSync(SHOTS, { recursive: true });
	browser = await launchChromium();
});
afterAll(async () => {
	await browser?.close();
});

const external = (requests: string[]) =>
	requests.filter((u) => !u.startsWith(baseUrl) && !u.startsWith('data:') && !u.startsWith('blob:'));

interface PlanFigures {
	findings: number;
	shown: number;
	beyond_reach: number;
	reach_km: number;
	run: number;
}

const figures = async (page: Page) => (await mapReport(page))!.features as unknown as PlanFigures;

const rows = (page: Page) => page.getByTestId('findings').locator('button');

async function setRange(page: Page, testid: string, value: number): Promise<void> {
	await page.getByTestId(testid).evaluate((el, v) => {
		const input = el as HTMLInputElement;
		input.value = String(v);
		input.dispatchEvent(new Event('input', { bubbles: true }));
		input.dispatchEvent(new Event('change', { bubbles: true }));
	}, value);
}

describe("the planner's view", () => {
	it('ranks, filters, re-runs with the reach slider, selects and exports, offline and without errors', async () => {
		const { page, requests, errors } = await openWatched(
			browser,
			{ width: 1920, height: 1080 },
			'planner@demo.local'
		);
		await page.goto(`${baseUrl}/plan`);
		const hooks = await waitForMap(page);
		expect(hooks.errors).toEqual([]);
		// one analysis, then quiet: the page does not re-run what nothing changed
		await expect.poll(() => page.getByTestId('run-status').getAttribute('data-status')).toBe('done');
		const first = (await figures(page)) as PlanFigures;
		await page.waitForTimeout(1000);
		expect((await figures(page)).run).toBe(first.run);
		expect(first.reach_km).toBe(3);
		expect(first.findings).toBeGreaterThan(50);
		// the analysis ran in a worker of our own origin
		expect(requests.some((u) => u.startsWith(baseUrl) && /worker/.test(u))).toBe(true);

		// ranked by households, most first
		await expect.poll(() => rows(page).count()).toBe(first.findings);
		const households = await rows(page).evaluateAll((els) => els.map((e) => Number(e.dataset.households)));
		expect(households.length).toBe(first.findings);
		expect(households).toEqual([...households].sort((a, b) => b - a));
		expect(households[0]).toBeGreaterThan(households[households.length - 1]);

		// totals at the top
		await expect.poll(() => page.getByTestId('total-grids').innerText()).toMatch(/449/);
		expect(await page.getByTestId('total-villages').innerText()).toMatch(/203/);
		expect(await page.getByTestId('total-households').innerText()).toMatch(/%/);
		expect(await page.getByTestId('total-campaign').innerText()).toMatch(/%/);
		await page.waitForTimeout(500);
		await page.screenshot({ path: `${SHOTS}/plan-1920.png` });

		// the kind filter narrows the list to that kind
		await page.getByTestId('filter-kind').selectOption('village_out_of_reach');
		const outOfReach = await rows(page).count();
		expect(outOfReach).toBeGreaterThan(0);
		expect(outOfReach).toBeLessThan(first.findings);
		expect(new Set(await rows(page).evaluateAll((els) => els.map((e) => e.dataset.kind)))).toEqual(
			new Set(['village_out_of_reach'])
		);
		// a longer reach leaves fewer findings beyond reach (the kind filter stays on)
		expect(first.beyond_reach).toBeGreaterThan(outOfReach);
		await setRange(page, 'reach-slider', 10);
		await expect.poll(async () => (await figures(page)).reach_km, { timeout: 20_000 }).toBe(10);
		const far = await figures(page);
		expect(far.beyond_reach).toBeLessThan(first.beyond_reach);
		expect(far.findings).toBe(first.findings - first.beyond_reach + far.beyond_reach);
		await expect.poll(() => rows(page).count()).toBeLessThan(outOfReach);
		expect(await page.getByTestId('reach-value').innerText()).toContain('10');
		expect(page.url()).toContain('reach=10');
		await page.getByTestId('filter-kind').selectOption('');
		await expect.poll(() => rows(page).count()).toBe(far.findings);

		// selecting the first finding flies to it and outlines it in red
		const firstRow = rows(page).first();
		const id = await firstRow.getAttribute('data-id');
		const zoomBefore = Number(new URL(page.url()).searchParams.get('z') ?? 0);
		await firstRow.click();
		expect(await firstRow.getAttribute('aria-pressed')).toBe('true');
		await expect.poll(() => new URL(page.url()).searchParams.get('finding')).toBe(id);
		await expect
			.poll(() => Number(new URL(page.url()).searchParams.get('z') ?? 0), { timeout: 5000 })
			.toBeGreaterThan(zoomBefore);
		await page.waitForTimeout(400);
		const map = await page.getByTestId('map').screenshot();
		expect((await pixelStats(page, map, [220, 38, 38])).near ?? 0).toBeGreaterThan(0.001);
		await page.screenshot({ path: `${SHOTS}/plan-selected.png` });

		// CSV: UTF-8 with BOM, Chinese headers, one line per finding
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByTestId('export-csv').click()
		]);
		expect(download.suggestedFilename()).toMatch(/\.csv$/);
		const bytes = readFileSync(await download.path());
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = bytes.toString('utf8').slice(1);
		const lines = text.split('\r\n');
		expect(lines[0]).toContain('"排名","问题类型","说明"');
		expect(lines[0]).toContain('"影响住户"');
		expect(lines).toHaveLength(far.findings + 2);
		expect(lines[1]).toContain(`"${id}"`);

		const [geo] = await Promise.all([
			page.waitForEvent('download'),
			page.getByTestId('export-geojson').click()
		]);
		const fc = JSON.parse(readFileSync(await geo.path(), 'utf8')) as { features: { id: string }[] };
		expect(fc.features).toHaveLength(far.findings);
		expect(fc.features[0].id).toBe(id);

		expect(external(requests)).toEqual([]);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('selects the finding clicked on the map', async () => {
		const { page, errors } = await openWatched(browser, { width: 1366, height: 768 }, 'planner@demo.local');
		await page.goto(`${baseUrl}/plan`);
		await waitForMap(page);
		await expect.poll(() => page.getByTestId('run-status').getAttribute('data-status')).toBe('done');
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByTestId('export-geojson').click()
		]);
		const findings = (JSON.parse(readFileSync(await download.path(), 'utf8')) as FeatureCollection).features;
		// the areas the map draws, and a point that lies in one of them only: one right answer
		const areas = findings.filter(
			(f) =>
				MAPPED_KINDS.has(f.properties!.kind) &&
				(f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon')
		);
		expect(areas.length).toBeGreaterThan(10);
		const target = areas
			.map((f) => ({ id: String(f.id), at: interiorPoint(f.geometry as Polygon | MultiPolygon)! }))
			.find(({ at }) => areas.filter((f) => booleanPointInPolygon(at, f as Feature<Polygon>)).length === 1);
		expect(target).toBeDefined();
		const { id, at } = target!;

		await page.goto(`${baseUrl}/plan?z=15&c=${at[0]},${at[1]}`);
		await waitForMap(page);
		await expect.poll(() => page.getByTestId('run-status').getAttribute('data-status')).toBe('done');
		await settledCamera(page);
		expect(new URL(page.url()).searchParams.get('finding')).toBeNull();
		const box = (await page.getByTestId('map').boundingBox())!;
		// a busy PC may take a click as the end of a frame still drawing: the outcome decides
		for (let attempt = 0; attempt < 4 && !new URL(page.url()).searchParams.get('finding'); attempt++) {
			await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
			await expect
				.poll(() => new URL(page.url()).searchParams.get('finding'), { timeout: 5000 })
				.toBe(id)
				.catch(() => {});
		}
		expect(new URL(page.url()).searchParams.get('finding')).toBe(id);
		const row = page.locator(`[data-testid=findings] button[data-id="${id}"]`);
		expect(await row.getAttribute('aria-pressed')).toBe('true');
		await expect.poll(() => row.isVisible()).toBe(true);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('fits a laptop screen and links back to the overview', async () => {
		const { page, requests, errors } = await openWatched(
			browser,
			{ width: 1366, height: 768 },
			'planner@demo.local'
		);
		await page.goto(baseUrl);
		await waitForMap(page);
		await page.getByTestId('nav-plan').click();
		await page.waitForURL(/\/plan/);
		await waitForMapReport(page, (r) => (r.features.findings ?? 0) > 0);
		expect(await rows(page).count()).toBeGreaterThan(0);
		await page.waitForTimeout(800);
		await page.screenshot({ path: `${SHOTS}/plan-1366.png` });
		expect(await page.getByTestId('export-csv').isVisible()).toBe(true);
		expect(await page.getByTestId('reach-slider').isVisible()).toBe(true);
		await page.getByTestId('nav-overview').click();
		await page.waitForURL((u) => u.pathname === '/');
		expect(external(requests)).toEqual([]);
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
