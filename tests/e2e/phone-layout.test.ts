// A phone (390×844) in Chromium: no page scrolls sideways; the overview opens on the map, with
// its layer panel closed until asked for and the bar's links folded into 菜单; the map fits the
// user's own jurisdiction, so a station head starts closer in than the county's command room.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openWatched, settledCamera, waitForMap } from './browser.ts';

const baseUrl = inject('baseUrl');
const phone = { width: 390, height: 844 };
let browser: Browser;

beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(async () => {
	await browser?.close();
});

/** How far the page reaches past the screen's right edge, in CSS pixels (0 when it fits). */
function overflow(page: Page): Promise<number> {
	return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Whether an element is drawn inside the screen (not hidden, not pushed off it). */
async function onScreen(page: Page, testid: string): Promise<boolean> {
	const el = page.getByTestId(testid).first();
	if (!(await el.isVisible())) return false;
	const box = await el.boundingBox();
	return (
		!!box &&
		box.x >= 0 &&
		box.y >= 0 &&
		box.x + box.width <= phone.width &&
		box.y + box.height <= phone.height
	);
}

async function overviewZoom(as: string): Promise<number> {
	const { page, errors } = await openWatched(browser, phone, as);
	await page.goto(`${baseUrl}/`);
	await waitForMap(page);
	const camera = await settledCamera(page);
	expect(await overflow(page)).toBe(0);
	// the panel is closed: the map comes first
	expect(await page.getByTestId('overview-controls').isVisible()).toBe(false);
	await page.getByTestId('controls-toggle').click();
	expect(await page.getByTestId('overview-controls').isVisible()).toBe(true);
	await page.getByTestId('controls-toggle').click();
	expect(await page.getByTestId('overview-controls').isVisible()).toBe(false);
	// sign-out lives in the menu, and is on screen once the menu is open
	expect(await onScreen(page, 'sign-out')).toBe(false);
	await page.getByTestId('menu-toggle').click();
	expect(await onScreen(page, 'sign-out')).toBe(true);
	expect(await overflow(page)).toBe(0);
	await page.screenshot({ path: `test-results/screenshots/phone-overview-${as.split('@')[0]}.png` });
	expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
	await page.context().close();
	return camera.zoom;
}

describe('a phone-sized screen', () => {
	it('opens the overview on the map, panels closed, fitted to the user’s jurisdiction', async () => {
		const command = await overviewZoom('command@demo.local');
		const head = await overviewZoom('head@demo.local');
		// a station is a fraction of the county: its head starts at least one zoom level closer
		expect(head).toBeGreaterThanOrEqual(command + 1);
	});

	it('never scrolls sideways on the login, campaign list and record pages', async () => {
		const anonymous = await openWatched(browser, phone, null);
		await anonymous.page.goto(`${baseUrl}/login`);
		await anonymous.page.locator('button[type="submit"]').waitFor();
		await anonymous.page.screenshot({ path: 'test-results/screenshots/phone-login.png' });
		expect(await overflow(anonymous.page)).toBe(0);
		await anonymous.page.context().close();

		const { page } = await openWatched(browser, phone, 'officer@demo.local');
		await page.goto(`${baseUrl}/campaigns`);
		await page.getByTestId('campaign-list').waitFor();
		await page.screenshot({ path: 'test-results/screenshots/phone-campaigns.png' });
		expect(await overflow(page)).toBe(0);
		await page.getByTestId('campaign-list').locator('a[href$="/record"]').first().click();
		await page.getByTestId('next-door').first().waitFor();
		await page.screenshot({ path: 'test-results/screenshots/phone-record.png' });
		expect(await overflow(page)).toBe(0);
		// the visit form's save button stays on screen with a category ticked
		await page.getByTestId('next-door').first().click();
		await page.getByTestId('visit-form').waitFor();
		await page.getByTestId('fraud').check();
		await page.screenshot({ path: 'test-results/screenshots/phone-visit-form.png' });
		expect(await onScreen(page, 'save-visit')).toBe(true);
		expect(await overflow(page)).toBe(0);
		await page.context().close();
	});
});
