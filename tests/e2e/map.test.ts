// The overview map in Debian's Chromium: every layer draws from the county demo, nothing leaves
// the origin, nothing is logged as an error, and the page is usable at both common screen sizes.
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, mapReport, openWatched, settledCamera, waitForMap } from './browser.ts';
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

describe('the overview map', () => {
	for (const viewport of [
		{ width: 1920, height: 1080 },
		{ width: 1366, height: 768 }
	]) {
		it(`draws every layer at ${viewport.width}×${viewport.height}, offline and without errors`, async () => {
			const { page, requests, errors } = await openWatched(browser, viewport);
			await page.goto(baseUrl);
			const hooks = await waitForMap(page);
			expect(hooks.features).toMatchObject({ villages: 203, grids: 449, townships: 20, counties: 1 });
			expect(hooks.features.officers).toBeGreaterThan(500);
			expect(hooks.features.stations).toBeGreaterThan(5);
			expect(hooks.features.posts).toBeGreaterThan(20);
			expect(hooks.features.incidents).toBeGreaterThan(100);
			expect(hooks.deckLayers).toBeGreaterThanOrEqual(5);
			expect(hooks.errors).toEqual([]);

			const shot = await page.screenshot({ path: `${SHOTS}/overview-${viewport.width}.png` });
			const map = await page.getByTestId('map').screenshot();
			const stats = await pixelStats(page, map);
			expect(stats.colours).toBeGreaterThan(40);
			expect(stats.nonBackground).toBeGreaterThan(0.2);
			expect(shot.byteLength).toBeGreaterThan(50_000);

			// the summary shows the county's grids, and the legend explains the colours
			await expect.poll(() => page.getByTestId('summary-grids').innerText()).toMatch(/449/);
			expect(await page.getByTestId('legend').isVisible()).toBe(true);

			expect(external(requests)).toEqual([]);
			expect(errors).toEqual([]);
			await page.context().close();
		});
	}

	it('switches a layer off and on', async () => {
		const { page, errors } = await openWatched(browser);
		await page.goto(baseUrl);
		const before = await waitForMap(page);
		await page.getByTestId('layer-toggle-incidents').click();
		await expect.poll(async () => (await mapReport(page))!.deckLayers).toBeLessThan(before.deckLayers);
		expect(page.url()).not.toMatch(/layers=[^&]*incidents/);
		await page.getByTestId('layer-toggle-incidents').click();
		await expect.poll(async () => (await mapReport(page))!.deckLayers).toBe(before.deckLayers);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('opens a grid from the URL and shows its facts', async () => {
		const { page, errors } = await openWatched(browser);
		await page.goto(`${baseUrl}/?sel=grid:12`);
		await waitForMap(page);
		const panel = page.getByTestId('side-panel');
		await panel.waitFor({ state: 'visible' });
		const facts = (await (await page.context().request.get(`${baseUrl}/api/grids/12`)).json()) as {
			name: string;
			households: number;
		};
		await expect.poll(() => panel.innerText()).toContain(facts.name);
		expect(await panel.innerText()).toContain(String(facts.households));
		await page.screenshot({ path: `${SHOTS}/grid-panel.png` });
		await page.keyboard.press('Escape');
		await panel.waitFor({ state: 'hidden' });
		expect(page.url()).not.toContain('sel=');
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('opens the side panel when a grid is clicked in the middle of the map', async () => {
		const { page } = await openWatched(browser);
		await page.goto(`${baseUrl}/?layers=grids`);
		await waitForMap(page);
		await settledCamera(page);
		const box = await page.getByTestId('map').boundingBox();
		if (!box) throw new Error('map has no box');
		// on a busy PC a click can land while a frame is still being drawn and pick nothing (or read
		// as a tiny drag): the outcome decides, and a click that selected nothing is made again
		const panel = page.getByTestId('side-panel');
		for (let attempt = 0; attempt < 6 && !(await panel.isVisible()); attempt++) {
			await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
			await panel.waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
		}
		await panel.waitFor({ state: 'visible' });
		expect(page.url()).toMatch(/sel=(grid|village):\d+/);
		await page.context().close();
	});

	it('speaks English on request and Chinese by default', async () => {
		const { page } = await openWatched(browser);
		await page.goto(baseUrl);
		await waitForMap(page);
		expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
		expect(await page.locator('body').innerText()).toContain('网格');
		await page.getByTestId('lang-switch').click();
		await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
		await expect.poll(() => page.locator('body').innerText()).toMatch(/Grids?/);
		await page.screenshot({ path: `${SHOTS}/overview-en.png` });
		await page.context().close();
	});

	it('keeps the view in the URL so it can be shared', async () => {
		const { page } = await openWatched(browser);
		await page.goto(`${baseUrl}/?z=13&c=119.27,28.59`);
		await waitForMap(page);
		await expect.poll(() => page.url()).toMatch(/z=13/);
		expect(page.url()).toMatch(/c=119\.2\d*,28\.5\d*/);
		await page.context().close();
	});
});
