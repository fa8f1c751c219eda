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

/**
 * What a map page reports on its map container as data attributes
 * (src/lib/map/map-status.svelte.ts): readiness, feature counts, live deck.gl layers, errors.
 */
export interface MapReport {
	ready: boolean;
	features: Record<string, number>;
	deckLayers: number;
	errors: string[];
	gridVersion: number;
	paintedAt: number;
	view?: { center: [number, number]; zoom: number };
	/** the camera is between movestart and moveend */
	moving?: boolean;
}

/** What a live page reports on its element carrying data-live-state (src/lib/features/live/live-status.svelte.ts). */
export interface LiveReport {
	state: string;
	states: string[];
	applied: number;
	shown: Record<number, number>;
}

// Run in the page (serialised by Playwright): the page's CSP forbids evaluating strings, and
// tsx wraps named inner functions in a __name helper the page does not have, so each reader is
// one self-contained function.
function readMap(): MapReport | null {
	const d = (document.querySelector('[data-testid="map"][data-ready]') as HTMLElement | null)?.dataset;
	if (!d) return null;
	return {
		ready: d.ready === 'true',
		features: JSON.parse(d.featureCounts ?? '{}'),
		deckLayers: Number(d.deckLayers),
		errors: JSON.parse(d.errors ?? '[]'),
		gridVersion: Number(d.gridVersion),
		paintedAt: Number(d.paintedAt),
		view: d.view ? JSON.parse(d.view) : undefined,
		moving: d.moving === 'true'
	};
}

function readLive(): LiveReport | null {
	const d = (document.querySelector('[data-live-state]') as HTMLElement | null)?.dataset;
	if (!d) return null;
	return {
		state: d.liveState ?? '',
		states: JSON.parse(d.liveStates ?? '[]'),
		applied: Number(d.liveApplied),
		shown: JSON.parse(d.liveShown ?? '{}')
	};
}

/** The map's report now; null while the page has no map. */
export function mapReport(page: Page): Promise<MapReport | null> {
	return page.evaluate(readMap);
}

/** The live page's report now; null while the page has none. */
export function liveReport(page: Page): Promise<LiveReport | null> {
	return page.evaluate(readLive);
}

async function pollUntil<T>(
	read: () => Promise<T | null>,
	test: (report: T) => boolean,
	timeout: number,
	what: string
): Promise<T> {
	const deadline = Date.now() + timeout;
	for (;;) {
		const report = await read();
		if (report !== null && test(report)) return report;
		if (Date.now() > deadline)
			throw new Error(`${what}: not so within ${timeout} ms: ${JSON.stringify(report)}`);
		await new Promise((r) => setTimeout(r, 25));
	}
}

/**
 * Polls the map's report until `test` holds; returns it. What is measured is stamped by the page
 * itself (paintedAt), so the polling interval does not enter any figure.
 */
export function waitForMapReport(
	page: Page,
	test: (report: MapReport) => boolean,
	timeout = 30_000
): Promise<MapReport> {
	return pollUntil(() => mapReport(page), test, timeout, 'map report');
}

/** Polls the live report until `test` holds; returns it (shown times are stamped by the page). */
export function waitForLiveReport(
	page: Page,
	test: (report: LiveReport) => boolean,
	timeout = 30_000
): Promise<LiveReport> {
	return pollUntil(() => liveReport(page), test, timeout, 'live report');
}

/** Waits for the map to report ready; returns the report and the page time (ms) it was seen. */
export async function waitForMap(page: Page, timeout = 60_000): Promise<MapReport & { seenAt: number }> {
	// checked every animation frame in the page, so seenAt is the frame that first showed it
	const handle = await page.waitForFunction(
		() => {
			const d = (document.querySelector('[data-testid="map"][data-ready="true"]') as HTMLElement | null)
				?.dataset;
			if (!d) return null;
			return {
				ready: true,
				features: JSON.parse(d.featureCounts ?? '{}'),
				deckLayers: Number(d.deckLayers),
				errors: JSON.parse(d.errors ?? '[]'),
				gridVersion: Number(d.gridVersion),
				paintedAt: Number(d.paintedAt),
				view: d.view ? JSON.parse(d.view) : undefined,
				moving: d.moving === 'true',
				seenAt: performance.now()
			};
		},
		null,
		{ timeout }
	);
	return (await handle.jsonValue()) as MapReport & { seenAt: number };
}
