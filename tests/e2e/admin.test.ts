// Account administration in the browser: an admin creates a station head who can then sign in,
// disables the account and the sign-in is refused in Chinese; other roles get the refusal, not
// the list. The created account stays disabled (the e2e database persists; emails are unique).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openWatched } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(async () => {
	await browser?.close();
});

describe('account administration', () => {
	it('creates an account that can sign in, and disables it again', async () => {
		const { page, errors } = await openWatched(browser, undefined, 'admin@demo.local');
		const email = `head-${Date.now()}@example.org`;
		await page.goto(`${baseUrl}/admin/accounts`);
		await page.getByTestId('accounts').waitFor();
		await page.getByTestId('new-email').fill(email);
		await page.getByTestId('new-name').fill('测试所长');
		await page.getByTestId('new-role').selectOption('station_head');
		await page.getByTestId('new-station').selectOption({ index: 1 });
		await page.getByTestId('new-password').fill('short');
		await page.getByTestId('create-account').click();
		// the browser's own minlength check stops it; nothing is created
		expect(await page.locator(`tr[data-email="${email}"]`).count()).toBe(0);
		await page.getByTestId('new-password').fill('a-long-password');
		await page.getByTestId('create-account').click();
		await page.locator(`tr[data-email="${email}"]`).waitFor();
		await page.screenshot({ path: 'test-results/screenshots/admin-accounts.png' });

		const fresh = await browser.newContext();
		const signIn = () =>
			fresh.request.post(`${baseUrl}/api/session`, { data: { email, password: 'a-long-password' } });
		expect((await signIn()).status()).toBe(200);

		await page.locator(`tr[data-email="${email}"]`).getByRole('button', { name: '停用' }).click();
		await expect.poll(() => page.locator(`tr[data-email="${email}"]`).innerText()).toContain('已停用');
		const refused = await signIn();
		expect(refused.status()).toBe(401);
		expect(await refused.json()).toEqual({ message: 'account_disabled' });
		await fresh.close();
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('links an officer account to an officer of the chosen station', async () => {
		const { page, errors } = await openWatched(browser, undefined, 'admin@demo.local');
		const email = `officer-${Date.now()}@example.org`;
		await page.goto(`${baseUrl}/admin/accounts`);
		await page.getByTestId('accounts').waitFor();
		await page.getByTestId('new-email').fill(email);
		await page.getByTestId('new-name').fill('测试民警');
		await page.getByTestId('new-role').selectOption('officer');
		await page.getByTestId('new-station').selectOption({ index: 1 });
		await expect.poll(() => page.getByTestId('new-officer').locator('option').count()).toBeGreaterThan(1);
		await page.getByTestId('new-officer').selectOption({ index: 1 });
		await page.getByTestId('new-password').fill('a-long-password');
		await page.getByTestId('create-account').click();
		await page.locator(`tr[data-email="${email}"]`).waitFor();
		expect(await page.locator(`tr[data-email="${email}"]`).innerText()).toContain('民警');
		// leave it disabled: the e2e database persists between runs
		await page.locator(`tr[data-email="${email}"]`).getByRole('button', { name: '停用' }).click();
		await expect.poll(() => page.locator(`tr[data-email="${email}"]`).innerText()).toContain('已停用');
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('shows other roles the refusal, not the accounts', async () => {
		const { page } = await openWatched(browser, undefined, 'head@demo.local');
		await page.goto(`${baseUrl}/admin/accounts`);
		// the server refuses the page itself (403), and says why in Chinese
		await expect
			.poll(() => page.getByTestId('error-page-message').innerText(), { timeout: 15_000 })
			.toBe('您的角色不能使用此页面');
		expect(await page.getByTestId('accounts').count()).toBe(0);
		const api = await page.context().request.get(`${baseUrl}/api/accounts`);
		expect(api.status()).toBe(403);
		await page.context().close();
	});
});
