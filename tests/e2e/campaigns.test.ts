// A door-knock campaign end to end: a station head plans one over a township, an officer records
// visits on the phone page (390×844), goes offline, records more, comes back online, and the
// counts are exact; the campaign page shows the new share. The campaign is withdrawn afterwards
// (the e2e database persists between runs).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chinaDateIn } from '../../src/lib/time/china-time.ts';
import { launchChromium, openWatched } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let created: number | null = null;

beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(async () => {
	if (created !== null) {
		const admin = await openWatched(browser, undefined, 'admin@demo.local');
		await admin.page.context().request.delete(`${baseUrl}/api/campaigns/${created}`);
		await admin.page.context().close();
	}
	await browser?.close();
});

interface Progress {
	totals: { households: number; visited: number; visits: number };
}

describe('door-knock campaign', () => {
	it('is planned over a township, recorded online and offline, and its share grows', async () => {
		// plan (1366×768, station head)
		const head = await openWatched(browser, { width: 1366, height: 768 }, 'head@demo.local');
		await head.page.goto(`${baseUrl}/campaigns/new`);
		const name = `测试敲门行动-${Date.now()}`;
		await head.page.getByTestId('plan-name').fill(name);
		// started before the demo campaign, so the overview keeps showing the demo one
		await head.page.locator('input[type="date"]').first().fill(chinaDateIn(-90));
		await head.page.locator('input[type="date"]').nth(1).fill(chinaDateIn(20));
		const township = head.page.locator('[data-testid^="township-"]').first();
		await township.waitFor();
		await township.check();
		await expect
			.poll(() => head.page.getByTestId('scope-summary').innerText())
			.not.toContain('已选 0 个网格');
		await head.page.getByTestId('plan-blocks').fill('3');
		await head.page.getByTestId('team-add').click();
		await head.page.getByTestId('team-name-0').fill('第一小组');
		await head.page.getByTestId('team-members-0').fill('张警官,民警\n李阿姨,志愿者\n王经理,银行工作人员');
		await head.page.getByTestId('team-blocks-0').fill('1,2,3');
		await head.page.screenshot({ path: 'test-results/screenshots/campaign-plan.png' });
		await head.page.getByTestId('plan-submit').click();
		await head.page.waitForURL(/\/campaigns\/\d+$/);
		created = Number(new URL(head.page.url()).pathname.split('/').pop());
		await head.page.getByTestId('block-table').waitFor();
		expect(await head.page.locator('[data-testid="block-table"] tbody tr').count()).toBe(3);
		const before = (await (
			await head.page.context().request.get(`${baseUrl}/api/campaigns/${created}`)
		).json()) as Progress;
		expect(before.totals).toMatchObject({ visited: 0, visits: 0 });
		expect(before.totals.households).toBeGreaterThan(10);

		// record on the phone (officer of the same station)
		const officer = await openWatched(browser, { width: 390, height: 844 }, 'officer@demo.local');
		const phone = officer.page;
		await phone.goto(`${baseUrl}/campaigns/${created}/record`);
		const recordNext = async () => {
			await phone.getByTestId('next-door').first().click();
			await phone.getByTestId('visit-form').waitFor();
			await phone.getByTestId('save-visit').click();
			await phone.getByTestId('visit-form').waitFor({ state: 'detached' });
		};
		await phone.getByTestId('next-door').first().waitFor();
		for (let i = 0; i < 3; i++) await recordNext();
		await expect.poll(() => phone.getByTestId('pending').innerText()).toContain('0');

		await phone.context().setOffline(true);
		await expect.poll(() => phone.getByTestId('net-state').innerText()).toBe('离线');
		for (let i = 0; i < 2; i++) await recordNext();
		await expect.poll(() => phone.getByTestId('pending').innerText()).toContain('2');
		expect(await phone.getByTestId('notice').innerText()).toContain('已保存在本机');
		await phone.screenshot({ path: 'test-results/screenshots/campaign-record-offline.png', fullPage: true });

		await phone.context().setOffline(false);
		await expect.poll(() => phone.getByTestId('pending').innerText(), { timeout: 15_000 }).toContain('0');
		const after = (await (
			await head.page.context().request.get(`${baseUrl}/api/campaigns/${created}`)
		).json()) as Progress;
		expect(after.totals.visits).toBe(5);
		expect(after.totals.visited).toBe(5);

		// the campaign page shows the new share
		await head.page.reload();
		await expect.poll(() => head.page.getByTestId('campaign-visited').innerText()).toBe('5');
		const share = (5 / after.totals.households).toLocaleString('zh-CN', {
			style: 'percent',
			maximumFractionDigits: 1
		});
		expect(await head.page.getByTestId('campaign-share').innerText()).toContain(share);
		await head.page.screenshot({ path: 'test-results/screenshots/campaign-watch.png' });

		for (const w of [head, officer]) {
			expect(w.errors).toEqual([]);
			expect(
				w.requests.filter((u) => !u.startsWith(baseUrl) && !u.startsWith('data:') && !u.startsWith('blob:'))
			).toEqual([]);
		}
		await officer.page.context().close();
		await head.page.context().close();
	});
});
