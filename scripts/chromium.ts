// Debian's Chromium driven by playwright-core, with the flags this offline machine needs. Used
// by the browser test suite and the benchmark.
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	// WebGL2 through SwiftShader so maps really render
	'--use-angle=swiftshader',
	'--enable-unsafe-swiftshader'
];

export function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: CHROMIUM_ARGS
	});
}

/** The test hooks the map page exposes as window.__gpm (src/lib/map/test-hooks.ts). */
export interface GpmHooks {
	ready: boolean;
	features: Record<string, number>;
	deckLayers: number;
	errors: string[];
}

/** Waits for the map to report ready; returns the hooks and the page time (ms) it was seen. */
export async function waitForMap(page: Page, timeout = 60_000): Promise<GpmHooks & { seenAt: number }> {
	const handle = await page.waitForFunction(
		() => {
			const hooks = (window as unknown as { __gpm?: GpmHooks }).__gpm;
			// plain data only: other hooks (live.inject) are functions, which do not serialise
			if (hooks?.ready !== true) return null;
			const { ready, features, deckLayers, errors } = hooks;
			return { ready, features, deckLayers, errors, seenAt: performance.now() };
		},
		null,
		{ timeout }
	);
	return (await handle.jsonValue()) as GpmHooks & { seenAt: number };
}
