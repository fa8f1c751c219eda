// 走访后发案变化 on the campaign page, as the command room reads it: the table comes from the
// database's figures (诈骗 first, its counts as the API gives them), each row says what it
// shows without claiming cause, and a window outside 2–26 weeks is refused. No request leaves
// the origin.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CampaignImpact } from '../../src/lib/features/campaigns/campaign-impact.ts';
import type { CampaignListItem } from '../../src/lib/features/campaigns/campaign-types.ts';
import { launchChromium, openWatched } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(async () => {
	await browser?.close();
});

describe('campaign impact', () => {
	it('shows the incidents after the visits beside the comparison grids, 诈骗 first', async () => {
		const { page, errors, requests } = await openWatched(browser, { width: 1366, height: 900 });
		const api = page.context().request;
		const campaigns = (await (await api.get(`${baseUrl}/api/campaigns`)).json()) as CampaignListItem[];
		const demo = campaigns.sort((a, b) => b.households - a.households)[0];
		const impact = (await (
			await api.get(`${baseUrl}/api/campaigns/${demo.id}/impact`)
		).json()) as CampaignImpact;
		const fraud = impact.rows.find((r) => r.level === 'campaign' && r.category === 'fraud')!;
		expect(fraud.before).toBeGreaterThan(0);

		await page.goto(`${baseUrl}/campaigns/${demo.id}`);
		const section = page.getByTestId('campaign-impact');
		await section.locator('tbody tr').first().waitFor({ timeout: 30_000 });
		const first = section.locator('tbody tr').first();
		expect(await first.getAttribute('data-category')).toBe('fraud');
		const cells = await first.locator('td').allInnerTexts();
		expect(cells[0]).toBe('诈骗');
		expect(Number(cells[2].replace(/,/g, ''))).toBe(fraud.before);
		expect(Number(cells[3].replace(/,/g, ''))).toBe(fraud.after);
		const finding = await first.getAttribute('data-finding');
		expect(['fewer', 'more', 'unclear', 'too_few']).toContain(finding);
		if (finding === 'unclear') expect(cells[6]).toBe('无明显变化');
		expect(await section.innerText()).toContain('不说明因果');

		expect((await api.get(`${baseUrl}/api/campaigns/${demo.id}/impact?weeks=1`)).status()).toBe(400);
		expect(requests.filter((u) => !u.startsWith(baseUrl) && !/^(data|blob):/.test(u))).toEqual([]);
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
