// field.offline_reload: the record page reloaded with no network (the app's service worker
// answers from what an online visit kept), from the reload to a door the user can tap.
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/lib/server/auth/demo.ts';
import type { DemoScale } from '../../src/lib/types/domain.ts';
import { timing, type BenchResult } from './result.ts';

export async function benchOfflineReload(
	browser: Browser,
	url: string,
	scale: DemoScale,
	runs: number,
	log: (line: string) => void
): Promise<BenchResult> {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	try {
		await context.request.post(`${url}/api/session`, {
			data: { email: 'officer@demo.local', password: DEMO_PASSWORD }
		});
		const page = await context.newPage();
		const campaigns = (await (await context.request.get(`${url}/api/campaigns`)).json()) as { id: number }[];
		if (!campaigns.length) throw new Error('field.offline_reload: the officer sees no campaign');
		await page.goto(`${url}/campaigns/${campaigns[0].id}/record`);
		await page.getByTestId('next-door').first().waitFor({ timeout: 120_000 });
		// the worker takes the page; one online reload keeps the page's data for offline use
		await page.waitForFunction(() => !!navigator.serviceWorker?.controller, null, { timeout: 60_000 });
		await page.reload();
		await page.getByTestId('next-door').first().waitFor({ timeout: 60_000 });
		await context.setOffline(true);
		const samples: number[] = [];
		for (let i = 0; i < runs; i++) {
			const start = performance.now();
			await page.reload();
			await page.getByTestId('next-door').first().waitFor({ timeout: 30_000 });
			samples.push(performance.now() - start);
		}
		log(`field.offline_reload samples: ${samples.map((ms) => Math.round(ms)).join(', ')} ms`);
		return timing('field.offline_reload', scale, samples, { note: 'target ≤ 2000 ms' });
	} finally {
		await context.close();
	}
}
