// assign.roundtrip: a station head's click on 指派 (or on 确认 to unassign) until the map has
// painted the grid's new colour, in headless Chromium; assign.suggest_all: the command room's
// "suggest for unassigned grids" over the whole jurisdiction, through HTTP.
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/lib/server/auth/demo.ts';
import type { DemoScale } from '../../src/lib/types/domain.ts';
import type { GridCollection } from '../../src/lib/types/layers.ts';
import { waitForMap, waitForMapReport } from '../chromium.ts';
import { timing, type BenchResult } from './result.ts';

export async function benchAssignRoundtrip(
	browser: Browser,
	url: string,
	scale: DemoScale,
	runs: number
): Promise<BenchResult> {
	const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
	try {
		await context.request.post(`${url}/api/session`, {
			data: { email: 'head@demo.local', password: DEMO_PASSWORD }
		});
		const grids = (await (await context.request.get(`${url}/api/layers/grids`)).json()) as GridCollection;
		const grid = grids.features.find((f) => f.properties.officer_id === null);
		if (!grid) throw new Error("the head's station has no unassigned grid to time");
		const page = await context.newPage();
		await page.goto(`${url}/?layers=grids&sel=grid:${grid.properties.id}`);
		await waitForMap(page, 120_000);
		const editor = page.getByTestId('assignment-editor');
		// page time of the last click, taken as the event is dispatched: what the head feels,
		// without the automation's own actionability checks before it
		await page.evaluate(() =>
			document.addEventListener(
				'click',
				() => ((window as unknown as { __clickAt: number }).__clickAt = performance.now()),
				true
			)
		);
		/** waits for the frame showing `version`; returns click → that frame in ms */
		const painted = async (version: number): Promise<number> => {
			const report = await waitForMapReport(page, (r) => r.gridVersion >= version);
			return (
				report.paintedAt - (await page.evaluate(() => (window as unknown as { __clickAt: number }).__clickAt))
			);
		};
		const samples: number[] = [];
		let version = 0;
		// each round: assign (timed), then unassign (timed), leaving the grid as it was
		for (let i = 0; samples.length < runs; i++) {
			const assign = editor.getByRole('button', { name: '指派' }).first();
			await assign.waitFor();
			await assign.click();
			samples.push(await painted(++version));

			await editor.locator('[data-testid^="unassign-"]').first().click();
			const confirm = editor.getByTestId('confirm-unassign');
			await confirm.waitFor();
			await confirm.click();
			samples.push(await painted(++version));
		}
		return timing('assign.roundtrip', scale, samples, {
			note: 'click → database → grid recoloured on screen, station head; target p95 ≤ 150 ms embedded'
		});
	} finally {
		await context.close();
	}
}

export async function benchSuggestAll(url: string, scale: DemoScale, runs: number): Promise<BenchResult> {
	const signIn = await fetch(`${url}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email: 'command@demo.local', password: DEMO_PASSWORD })
	});
	const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
	const samples: number[] = [];
	let count = 0;
	for (let i = 0; i <= runs; i++) {
		const t0 = performance.now();
		const res = await fetch(`${url}/api/suggestions`, { headers: { cookie } });
		const body = (await res.json()) as { suggestions: unknown[] };
		if (!res.ok) throw new Error(`suggestions failed: ${res.status}`);
		// the first call warms the server; it is not counted
		if (i > 0) samples.push(performance.now() - t0);
		count = body.suggestions.length;
	}
	return timing('assign.suggest_all', scale, samples, {
		note: `suggestions for all ${count} unassigned grids the command room reads, over HTTP; target ≤ 1000 ms at city scale`
	});
}
