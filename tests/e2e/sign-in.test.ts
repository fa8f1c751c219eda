// Sign-in in the browser: anonymous visitors reach nothing but the sign-in page, a wrong password
// gets a translated message, a demo account opens its map, a tampered or removed session is
// refused, and signing out ends the session.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/lib/server/auth/demo.ts';
import { launchChromium, openWatched, waitForMap } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(async () => {
	await browser?.close();
});

describe('signing in', () => {
	it('sends anonymous visitors to the sign-in page and refuses them the API', async () => {
		const { page, errors } = await openWatched(browser, undefined, null);
		await page.goto(`${baseUrl}/?sel=grid:12`);
		await page.waitForURL(/\/login\?next=/);
		expect(decodeURIComponent(page.url())).toContain('next=/?sel=grid:12');
		const api = await page.context().request.get(`${baseUrl}/api/layers/grids`);
		expect(api.status()).toBe(401);
		expect(await api.json()).toEqual({ message: 'sign_in_required' });
		// demo mode lists every role's account
		await expect.poll(() => page.getByRole('button', { name: /head@demo\.local/ }).count()).toBe(1);
		expect(await page.locator('body').innerText()).toContain(DEMO_PASSWORD);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('says so in Chinese when the password is wrong, and changes nothing', async () => {
		const { page } = await openWatched(browser, undefined, null);
		await page.goto(`${baseUrl}/login`);
		await page.getByLabel('账号（邮箱）').fill('head@demo.local');
		await page.getByLabel('密码').fill('wrong-password');
		await page.getByRole('button', { name: '登录', exact: true }).click();
		await expect.poll(() => page.getByTestId('sign-in-error').innerText()).toBe('账号或密码错误');
		expect(page.url()).toMatch(/\/login$/);
		expect((await page.context().cookies()).filter((c) => c.name === 'gpm_session')).toEqual([]);
		await page.context().close();
	});

	it('signs a station head in from a demo account and back to the page they asked for', async () => {
		const { page, errors } = await openWatched(browser, undefined, null);
		await page.goto(`${baseUrl}/?layers=grids`);
		await page.waitForURL(/\/login/);
		await page.getByRole('button', { name: /head@demo\.local/ }).click();
		await page.getByRole('button', { name: '登录', exact: true }).click();
		await page.waitForURL(/\/\?layers=grids/);
		const hooks = await waitForMap(page);
		// row-level security: a station head's map holds their own station's grids only
		expect(hooks.features.grids).toBeGreaterThan(0);
		expect(hooks.features.grids).toBeLessThan(449);
		expect(await page.getByTestId('user').innerText()).toContain('所长');
		await page.getByTestId('sign-out').click();
		await page.waitForURL(/\/login$/);
		expect((await page.context().request.get(`${baseUrl}/api/summary`)).status()).toBe(401);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('refuses a tampered session cookie', async () => {
		const { page } = await openWatched(browser);
		const [session] = (await page.context().cookies()).filter((c) => c.name === 'gpm_session');
		expect(session).toBeTruthy();
		const [body, mac] = session.value.split('.');
		// the cookie names a session row: another row's id, signed with the old mac, is refused
		const token = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { sid: string; exp: number };
		token.sid = '00000000-0000-4000-8000-000000000001';
		const forged = `${Buffer.from(JSON.stringify(token)).toString('base64url')}.${mac}`;
		await page.context().addCookies([{ ...session, value: forged }]);
		expect((await page.context().request.get(`${baseUrl}/api/summary`)).status()).toBe(401);
		await page.goto(baseUrl);
		await page.waitForURL(/\/login/);
		await page.context().close();
	});
});
