// A phone shared by a team, in Chromium at 390×844: visits an officer recorded while the server
// could not be reached stay the officer's. Signing out warns with the count; another station's
// head signing in on the same browser uploads none of them and is told whose they are; the
// officer signing in again sends all three, once. A command account gets no record form, and a
// batch the server refuses is shown with its reason instead of being retried forever.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/lib/server/auth/demo.ts';
import { chinaDateIn } from '../../src/lib/time/china-time.ts';
import { launchChromium, openWatched } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let created: number | null = null;

interface Progress {
	totals: { visits: number };
}

beforeAll(async () => {
	browser = await launchChromium();
	// a campaign of the head's station, over one of its townships
	const head = await openWatched(browser, undefined, 'head@demo.local');
	const villages = (await (await head.page.request.get(`${baseUrl}/api/layers/villages`)).json()) as {
		features: { properties: { township_id: number } }[];
	};
	const res = await head.page.request.post(`${baseUrl}/api/campaigns`, {
		data: {
			name: `共用手机测试-${Date.now()}`,
			starts_on: chinaDateIn(-100),
			ends_on: chinaDateIn(20),
			scope: { township_ids: [villages.features[0].properties.township_id] },
			block_count: 1
		}
	});
	expect(res.status()).toBe(201);
	created = ((await res.json()) as { id: number }).id;
	await head.page.context().close();
});
afterAll(async () => {
	if (created !== null) {
		const admin = await openWatched(browser, undefined, 'admin@demo.local');
		await admin.page.context().request.delete(`${baseUrl}/api/campaigns/${created}`);
		await admin.page.context().close();
	}
	await browser?.close();
});

async function visits(page: Page): Promise<number> {
	const res = await page.request.get(`${baseUrl}/api/campaigns/${created}`);
	return ((await res.json()) as Progress).totals.visits;
}

async function switchTo(page: Page, email: string): Promise<void> {
	const res = await page.request.post(`${baseUrl}/api/session`, { data: { email, password: DEMO_PASSWORD } });
	expect(res.status()).toBe(200);
}

describe('a shared phone', () => {
	it('keeps visits bound to the officer who recorded them', async () => {
		const { page, errors } = await openWatched(browser, { width: 390, height: 844 }, 'officer@demo.local');
		const watcher = await openWatched(browser, undefined, 'head@demo.local');
		const before = await visits(watcher.page);
		// the server cannot be reached for visits: they wait on the phone
		await page.route('**/api/campaigns/*/visits', (route) => route.abort('internetdisconnected'));
		await page.goto(`${baseUrl}/campaigns/${created}/record`);
		await page.getByTestId('next-door').first().waitFor();
		for (let i = 0; i < 3; i++) {
			await page.getByTestId('next-door').first().click();
			await page.getByTestId('visit-form').waitFor();
			await page.getByTestId('save-visit').click();
			await page.getByTestId('visit-form').waitFor({ state: 'detached' });
		}
		await expect.poll(() => page.getByTestId('pending').innerText()).toContain('3');

		// signing out says how many are left, and keeps them
		const asked: string[] = [];
		page.once('dialog', (d) => {
			asked.push(d.message());
			void d.accept();
		});
		// on a phone, sign-out sits in the bar's menu
		await page.getByTestId('menu-toggle').click();
		await page.getByTestId('sign-out').click();
		await page.waitForURL(/\/login/);
		expect(asked).toHaveLength(1);
		expect(asked[0]).toContain('3 条走访未上传');
		await page.unroute('**/api/campaigns/*/visits');

		// another station's head on the same browser: told whose visits these are, sends none
		await switchTo(page, 'head2@demo.local');
		await page.goto(`${baseUrl}/campaigns/${created}/record`);
		await expect.poll(() => page.getByTestId('others-queued').innerText()).toContain('3 条待上传走访');
		expect(await page.getByTestId('pending').innerText()).toContain('0');
		await page.screenshot({ path: 'test-results/screenshots/field-shared-phone.png', fullPage: true });
		expect(await visits(watcher.page)).toBe(before);

		// the officer again: all three, once
		await switchTo(page, 'officer@demo.local');
		await page.goto(`${baseUrl}/campaigns/${created}/record`);
		await expect.poll(() => page.getByTestId('pending').innerText(), { timeout: 15_000 }).toContain('0');
		await expect.poll(() => visits(watcher.page)).toBe(before + 3);
		await page.reload();
		await page.getByTestId('next-door').first().waitFor();
		expect(await visits(watcher.page)).toBe(before + 3);
		expect(await page.getByTestId('others-queued').count()).toBe(0);
		expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
		await page.context().close();
		await watcher.page.context().close();
	});

	it('opens the record page on a reload with no network, records there, and sends once back online', async () => {
		const { page } = await openWatched(browser, { width: 390, height: 844 }, 'officer@demo.local');
		const watcher = await openWatched(browser, undefined, 'head@demo.local');
		const before = await visits(watcher.page);
		await page.goto(`${baseUrl}/campaigns/${created}/record`);
		await page.getByTestId('next-door').first().waitFor();
		// the app's worker takes the page, and a visit online keeps its pages and data
		await expect
			.poll(() => page.evaluate(() => !!navigator.serviceWorker?.controller), { timeout: 30_000 })
			.toBe(true);
		await page.reload();
		await page.getByTestId('next-door').first().waitFor();

		await page.context().setOffline(true);
		await page.reload();
		await page.getByTestId('next-door').first().waitFor({ timeout: 15_000 });
		// (a reloaded page under emulated offline may still read navigator.onLine as true: what counts
		// is that nothing is sent and the visits wait)
		for (let i = 0; i < 3; i++) {
			await page.getByTestId('next-door').first().click();
			await page.getByTestId('visit-form').waitFor();
			await page.getByTestId('save-visit').click();
			await page.getByTestId('visit-form').waitFor({ state: 'detached' });
		}
		await expect.poll(() => page.getByTestId('pending').innerText()).toContain('3');
		await page.screenshot({ path: 'test-results/screenshots/field-offline-reload.png', fullPage: true });
		expect(await visits(watcher.page)).toBe(before);

		await page.context().setOffline(false);
		// the 'online' event, or the 30 s retry, sends them
		await expect.poll(() => page.getByTestId('pending').innerText(), { timeout: 45_000 }).toContain('0');
		await expect.poll(() => visits(watcher.page)).toBe(before + 3);
		// signing out deletes the offline copies of pages and data (the outbox is empty)
		await page.getByTestId('menu-toggle').click();
		await page.getByTestId('sign-out').click();
		await page.waitForURL(/\/login/);
		const kept = await page.evaluate(async () =>
			(await (await caches.open('gpm-data')).keys()).map((r) => new URL(r.url).pathname)
		);
		// only the sign-in page itself, loaded after: no household, campaign or account data
		expect(kept.filter((path) => path.startsWith('/api/') || path.startsWith('/campaigns'))).toEqual([]);
		await page.context().close();
		await watcher.page.context().close();
	});

	it('gives a command account no record form', async () => {
		const { page } = await openWatched(browser, { width: 390, height: 844 }, 'command@demo.local');
		await page.goto(`${baseUrl}/campaigns/${created}/record`);
		await page.getByTestId('record-not-for-role').waitFor();
		await page.getByTestId('next-door').first().click();
		expect(await page.getByTestId('visit-form').count()).toBe(0);
		await page.context().close();
	});

	it('shows a batch the server refuses with its reason, and stops sending it', async () => {
		const { page } = await openWatched(browser, { width: 390, height: 844 }, 'officer@demo.local');
		let posts = 0;
		await page.route('**/api/campaigns/*/visits', (route) => {
			posts++;
			return route.fulfill({
				status: 403,
				contentType: 'application/json',
				body: '{"message":"visit_not_allowed"}'
			});
		});
		await page.goto(`${baseUrl}/campaigns/${created}/record`);
		await page.getByTestId('next-door').first().click();
		await page.getByTestId('save-visit').click();
		await expect.poll(() => page.getByTestId('refused').innerText()).toContain('您的角色不能登记走访');
		expect(await page.getByTestId('pending').innerText()).toContain('0');
		expect(posts).toBe(1);
		await page.context().close();
	});
});
