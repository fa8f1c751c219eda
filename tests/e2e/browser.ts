// A page that records every request and console error, so tests can assert on both.
import type { Browser, Page } from 'playwright-core';

export { launchChromium, waitForMap, type GpmHooks } from '../../scripts/chromium.ts';

export interface WatchedPage {
	page: Page;
	requests: string[];
	errors: string[];
}

export async function openWatched(
	browser: Browser,
	viewport = { width: 1920, height: 1080 }
): Promise<WatchedPage> {
	const context = await browser.newContext({ viewport, locale: 'zh-CN' });
	const page = await context.newPage();
	const requests: string[] = [];
	const errors: string[] = [];
	page.on('request', (r) => requests.push(r.url()));
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	page.on('pageerror', (e) => errors.push(e.message));
	return { page, requests, errors };
}
