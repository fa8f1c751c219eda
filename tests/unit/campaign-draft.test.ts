// Planning a campaign without a browser: the scope from ticked villages, clicked grids and a
// drawn area; drawn blocks that leave grids out hold the plan back; the plan the API receives.
import { describe, expect, it } from 'vitest';
import type { GridCollection } from '../../src/lib/types/layers.ts';
import { CampaignDraft } from '../../src/routes/(app)/campaigns/new/campaign-draft.svelte.ts';

/** Four unit-square grids in a row along x (0..4), two villages of two grids each. */
function grids(): GridCollection {
	return {
		type: 'FeatureCollection',
		features: [0, 1, 2, 3].map((i) => ({
			type: 'Feature',
			geometry: {
				type: 'MultiPolygon',
				coordinates: [
					[
						[
							[i, 0],
							[i + 1, 0],
							[i + 1, 1],
							[i, 1],
							[i, 0]
						]
					]
				]
			},
			properties: {
				id: 10 + i,
				name: `G${i}`,
				code: `g${i}`,
				village_id: i < 2 ? 1 : 2,
				officer_id: null,
				officer: null,
				households: 100 * (i + 1),
				incidents_30d: 0,
				visited_share: null
			}
		}))
	} as GridCollection;
}

function drawBox(d: CampaignDraft, what: 'scope' | 'block', x0: number, x1: number): void {
	d.startDrawing(what);
	for (const p of [
		[x0, -0.5],
		[x1, -0.5],
		[x1, 1.5],
		[x0, 1.5]
	] as [number, number][])
		d.addVertex(p);
	d.finishDrawing();
}

describe('a campaign draft', () => {
	it('counts the scope from a ticked village, a clicked grid and a drawn area', () => {
		const d = new CampaignDraft();
		d.grids = grids();
		d.toggleTownship([1], true);
		expect(d.scope).toEqual({ grids: 2, households: 300 });
		// a grid of a ticked village stays; another grid joins, and leaves on a second click
		d.toggleGrid(d.grids.features[0].properties);
		d.toggleGrid(d.grids.features[2].properties);
		expect(d.scope).toEqual({ grids: 3, households: 600 });
		d.toggleGrid(d.grids.features[2].properties);
		expect(d.scope.grids).toBe(2);
		drawBox(d, 'scope', 3, 4.5);
		expect(d.scope).toEqual({ grids: 3, households: 700 });
	});

	it('holds the plan back while drawn blocks leave scope grids out, then sends them', () => {
		const d = new CampaignDraft();
		d.grids = grids();
		d.name = '冬季敲门';
		d.toggleTownship([1, 2], true);
		d.splitMode = 'drawn';
		drawBox(d, 'block', -0.5, 2);
		expect(d.cover.leftOut).toEqual([12, 13]);
		expect(d.plan()).toHaveProperty('problem');
		drawBox(d, 'block', 2, 4.5);
		expect(d.blockProblem).toBeNull();
		d.teams = [{ name: ' 一组 ', members: '张三,民警', blocks: '2' }];
		const plan = d.plan();
		if ('problem' in plan) throw new Error(plan.problem);
		expect(plan.blocks?.map((b) => b.name)).toEqual(['区块1', '区块2']);
		expect(plan.scope).toEqual({ village_ids: [1, 2], grid_ids: [] });
		expect(plan.teams).toEqual([
			{ name: '一组', members: [{ name: '张三', kind: 'police' }], blocks: ['区块2'] }
		]);
		expect(plan).not.toHaveProperty('block_count');
	});

	it('says which participant line it cannot read', () => {
		const d = new CampaignDraft();
		d.teams = [{ name: 'A', members: '张三,民警\n李四,外星人', blocks: '' }];
		const plan = d.plan();
		expect('problem' in plan && plan.problem).toContain('李四');
	});
});
