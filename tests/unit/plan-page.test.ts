// The planner's page logic without a browser: what the link sets, the campaign's own target, the
// filters, and how each analysis outcome leaves the page.
import { describe, expect, it } from 'vitest';
import type { RunOutcome } from '../../src/lib/features/gaps/gaps-client.ts';
import type { GapsResult } from '../../src/lib/features/gaps/protocol.ts';
import type { MapSummary } from '../../src/lib/types/layers.ts';
import { PlanPage, type PlanRunner } from '../../src/routes/(app)/plan/plan-page.svelte.ts';

const runner = (outcome: RunOutcome): PlanRunner & { asked: unknown[] } => {
	const asked: unknown[] = [];
	return { asked, run: async (o) => (asked.push(o), outcome), cancel: () => {} };
};
const summary = (target: number | null) =>
	({ campaign: target === null ? null : { target_share: target } }) as MapSummary;
const result = {
	runId: 4,
	options: { reachKm: 3, targetShare: 0.9 },
	findings: [],
	totals: {}
} as unknown as GapsResult;

describe('the planner page', () => {
	it('takes reach, target and finding from the link, clamped', () => {
		const plan = new PlanPage(new URLSearchParams('reach=25&target=55&finding=gap:7'));
		expect(plan.reachKm).toBe(10);
		expect(plan.targetPct).toBe(55);
		expect(plan.selectedId).toBe('gap:7');
		expect(plan.options).toEqual({ reachKm: 10, targetShare: 0.55 });
	});

	it("uses the campaign's own target unless the link set one, and leaves it out of the link", () => {
		const plan = new PlanPage(new URLSearchParams('reach=2'));
		expect(plan.targetPct).toBeNull();
		plan.setSummary(summary(0.85));
		expect(plan.targetPct).toBe(85);
		const params = new URLSearchParams();
		plan.writeParams(params);
		expect(params.toString()).toBe('reach=2');
		plan.targetPct = 60;
		plan.selectedId = 'gap:3';
		plan.writeParams(params);
		expect(Object.fromEntries(params)).toEqual({ reach: '2', target: '60', finding: 'gap:3' });
		// a link's own target wins over the campaign's
		const linked = new PlanPage(new URLSearchParams('target=40'));
		linked.setSummary(summary(0.85));
		expect(linked.targetPct).toBe(40);
	});

	it('clears the township when the county changes, and all filters at once', () => {
		const plan = new PlanPage(new URLSearchParams());
		plan.setFilter('townshipId', '12');
		plan.setFilter('kind', 'unassigned_grid');
		expect(plan.filter).toEqual({ kind: 'unassigned_grid', countyId: null, townshipId: 12, stationId: null });
		expect(plan.filtered).toBe(true);
		plan.setFilter('countyId', '3');
		expect(plan.filter.townshipId).toBeNull();
		expect(plan.filter.countyId).toBe(3);
		plan.clearFilters();
		expect(plan.filtered).toBe(false);
	});

	it('keeps a result, reports a failure, ignores a superseded run', async () => {
		const plan = new PlanPage(new URLSearchParams());
		expect(await plan.run(runner({ status: 'done', result }), plan.options)).toBeNull();
		expect(plan.status).toBe('done');
		expect(plan.result).toBe(result);

		expect(await plan.run(runner({ status: 'superseded' }), plan.options)).toBeNull();
		expect(plan.status).toBe('running');
		expect(plan.result).toBe(result);

		expect(await plan.run(runner({ status: 'error', message: 'worker died' }), plan.options)).toBe(
			'worker died'
		);
		expect(plan.status).toBe('error');
		expect(plan.failure).toBe('worker died');

		await plan.run(runner({ status: 'cancelled' }), plan.options);
		expect(plan.status).toBe('cancelled');
		expect(plan.failure).toBeNull();
	});
});
