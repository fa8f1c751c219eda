// Blocks drawn on the plan map: a station head ticks one village, draws two blocks over it (west
// and east of the widest gap between its grids), sees the grids no block holds until the second
// block covers them, names the blocks and creates the campaign; the database puts every grid of
// the village in exactly one block, under the typed names. The campaign is withdrawn afterwards.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { interiorPoint } from '../../src/lib/geo/interior-point.ts';
import type { GridCollection, VillageCollection } from '../../src/lib/types/layers.ts';
import { launchChromium, mapReport, openWatched, projector, waitForMap } from './browser.ts';

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

type View = { center: [number, number]; zoom: number };
const cameraOf = async (page: Page): Promise<View | null> => (await mapReport(page))?.view ?? null;

/** the grid's point on surface, as the plan page and the database take it */
const insidePoint = (g: GridCollection['features'][number]): [number, number] => interiorPoint(g.geometry)!;

describe('campaign blocks drawn on the map', () => {
	it('are drawn, named and cover every grid of the scope exactly once', async () => {
		const head = await openWatched(browser, { width: 1366, height: 768 }, 'head@demo.local');
		const page = head.page;
		await page.goto(`${baseUrl}/campaigns/new`);
		const township = page.locator('[data-testid^="township-"]').first();
		await township.waitFor();
		const townshipId = Number((await township.getAttribute('data-testid'))!.split('-')[1]);
		await waitForMap(page);

		// a small village of that township: between 4 and 12 grids, the fewest
		const api = page.context().request;
		const villages = (await (await api.get(`${baseUrl}/api/layers/villages`)).json()) as VillageCollection;
		const grids = (await (await api.get(`${baseUrl}/api/layers/grids`)).json()) as GridCollection;
		const candidates = villages.features
			.map((v) => ({ v, cells: grids.features.filter((g) => g.properties.village_id === v.properties.id) }))
			.filter((c) => c.v.properties.township_id === townshipId && c.cells.length >= 4 && c.cells.length <= 12)
			.sort((a, b) => a.cells.length - b.cells.length);
		expect(candidates.length).toBeGreaterThan(0);
		const { v: village, cells } = candidates[0];
		// split west | east at the widest gap between inside points
		const sorted = cells
			.map((g) => ({ id: g.properties.id, at: insidePoint(g) }))
			.sort((a, b) => a.at[0] - b.at[0]);
		let cut = 1;
		for (let i = 1; i < sorted.length; i++)
			if (sorted[i].at[0] - sorted[i - 1].at[0] > sorted[cut].at[0] - sorted[cut - 1].at[0]) cut = i;
		const west = sorted.slice(0, cut).map((g) => g.id);
		const east = sorted.slice(cut).map((g) => g.id);
		const splitX = (sorted[cut - 1].at[0] + sorted[cut].at[0]) / 2;

		await page.getByTestId('plan-name').fill(`测试画区块-${Date.now()}`);
		await page
			.locator(`input[type="checkbox"][value="${village.properties.id}"]`)
			.evaluate((el) => (el as HTMLInputElement).click());
		await expect
			.poll(() => page.getByTestId('scope-summary').innerText())
			.toContain(`已选 ${cells.length} 个网格`);
		await page.getByTestId('split-drawn').check();
		expect(await page.getByTestId('blocks-state').innerText()).toContain('请先在地图上画出区块');
		expect(await page.getByTestId('plan-submit').isDisabled()).toBe(true);

		// bring the village to the middle of the map, a few hundred pixels across
		const xs = cells.flatMap((g) => g.geometry.coordinates[0][0].map((p) => p[0]));
		const ys = cells.flatMap((g) => g.geometry.coordinates[0][0].map((p) => p[1]));
		const [w, s, e, n] = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
		const box = (await page.getByTestId('map').boundingBox())!;
		const mid = [box.x + box.width / 2, box.y + box.height / 2];
		const settled = async (before: View | null) => {
			await expect.poll(async () => JSON.stringify(await cameraOf(page))).not.toBe(JSON.stringify(before));
			let last = '';
			for (
				let now = JSON.stringify(await cameraOf(page));
				now !== last;
				now = JSON.stringify(await cameraOf(page))
			) {
				last = now;
				await page.waitForTimeout(400);
			}
		};
		for (let i = 0; i < 16; i++) {
			const project = await projector(page);
			const [x0, y0] = project([w, n]);
			const [x1, y1] = project([e, s]);
			const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
			const span = Math.max(x1 - x0, y1 - y0);
			const before = await cameraOf(page);
			if (Math.hypot(cx - mid[0], cy - mid[1]) > 40) {
				await page.mouse.move(cx, cy);
				await page.mouse.down();
				await page.mouse.move((cx + mid[0]) / 2, (cy + mid[1]) / 2, { steps: 5 });
				await page.mouse.move(mid[0], mid[1], { steps: 5 });
				await page.waitForTimeout(300);
				await page.mouse.up();
			} else if (span > 400 || span < 200) {
				await page.mouse.move(mid[0], mid[1]);
				await page.mouse.wheel(0, span > 400 ? 200 : -200);
			} else break;
			await settled(before);
		}
		const project = await projector(page);
		const pad = 0.15 * Math.max(e - w, n - s);
		const clickAll = async (ring: [number, number][]) => {
			for (const p of ring) {
				const [x, y] = project(p);
				await page.mouse.click(x, y);
				await page.waitForTimeout(150);
			}
		};
		const rect = (x0: number, x1: number): [number, number][] => [
			[x0, s - pad],
			[x1, s - pad],
			[x1, n + pad],
			[x0, n + pad]
		];

		// block 1 (west), then a drawing abandoned with Escape, then block 2 (east)
		await page.getByTestId('block-draw-start').click();
		await clickAll(rect(w - pad, splitX));
		await page.getByTestId('draw-finish').click();
		await expect
			.poll(() => page.getByTestId('blocks-state').innerText())
			.toContain(`还有 ${east.length} 个网格未划入任何区块`);
		expect(await page.getByTestId('plan-submit').isDisabled()).toBe(true);
		await page.screenshot({ path: 'test-results/screenshots/campaign-blocks-left-out.png' });
		await page.getByTestId('block-draw-start').click();
		await clickAll(rect(splitX, e + pad).slice(0, 2));
		await page.keyboard.press('Escape');
		await page.getByTestId('draw-finish').waitFor({ state: 'detached' });
		expect(await page.locator('[data-testid^="block-name-"]').count()).toBe(1);
		await page.getByTestId('block-draw-start').click();
		await clickAll(rect(splitX, e + pad));
		await page.getByTestId('draw-finish').click();
		await expect.poll(() => page.getByTestId('blocks-state').innerText()).toContain('已全部划入区块');
		expect(await page.getByTestId('block-name-0').inputValue()).toBe('区块1');
		expect(await page.getByTestId('block-name-1').inputValue()).toBe('区块2');
		await page.getByTestId('block-name-0').fill('西片');
		await page.getByTestId('block-name-1').fill('东片');
		expect(await page.getByTestId('plan-submit').isDisabled()).toBe(false);
		await page.getByTestId('team-add').click();
		await page.getByTestId('team-name-0').fill('东片小组');
		await page.getByTestId('team-members-0').fill('张警官,民警');
		await page.getByTestId('team-blocks-0').fill('2');
		await page.screenshot({ path: 'test-results/screenshots/campaign-blocks-drawn.png' });

		await page.getByTestId('plan-submit').click();
		await page.waitForURL(/\/campaigns\/\d+$/);
		created = Number(new URL(page.url()).pathname.split('/').pop());
		const progress = (await (await api.get(`${baseUrl}/api/campaigns/${created}`)).json()) as {
			blocks: { id: number; name: string; team_id: number | null }[];
			teams: { id: number; name: string }[];
		};
		expect(progress.blocks.map((b) => b.name).sort()).toEqual(['东片', '西片']);
		const blockId = Object.fromEntries(progress.blocks.map((b) => [b.name, b.id]));
		const team = progress.teams.find((t) => t.name === '东片小组')!;
		expect(progress.blocks.find((b) => b.name === '东片')!.team_id).toBe(team.id);
		const inCampaign = (await (await api.get(`${baseUrl}/api/campaigns/${created}/grids`)).json()) as {
			features: { properties: { id: number; block_id: number } }[];
		};
		const rows = inCampaign.features.map((f) => f.properties);
		// every grid of the village in exactly one block, on its side of the cut
		expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(
			cells.map((g) => g.properties.id).sort((a, b) => a - b)
		);
		for (const r of rows) expect(r.block_id).toBe(west.includes(r.id) ? blockId['西片'] : blockId['东片']);
		await page.getByTestId('block-table').waitFor();
		expect(await page.locator('[data-testid="block-table"] tbody tr').count()).toBe(2);

		expect(head.errors).toEqual([]);
		expect(
			head.requests.filter((u) => !u.startsWith(baseUrl) && !u.startsWith('data:') && !u.startsWith('blob:'))
		).toEqual([]);
		await page.context().close();
	});
});
