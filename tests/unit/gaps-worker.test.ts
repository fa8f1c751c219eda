// The gaps worker's protocol in Node: the session answers input and runs as the engine does, and
// the client supersedes and cancels runs by terminating the worker and restarting it with the input.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/lib/coverage/engine.ts';
import type { CoverageInput } from '../../src/lib/coverage/input.ts';
import type { CoverageInputJson } from '../../src/lib/coverage/from-database.ts';
import { GapsClient, type WorkerLike } from '../../src/lib/features/gaps/gaps-client.ts';
import { createGapsSession, type FromWorker, type ToWorker } from '../../src/lib/features/gaps/protocol.ts';
import { planTotals, REACH_KINDS } from '../../src/lib/features/gaps/totals.ts';
import { fixtureInput } from '../fixtures/coverage/fixtures.ts';

/** The fixture as coverage_input() would send it. */
function asJson(input: CoverageInput): string {
	const json: CoverageInputJson = {
		villages: input.villages.map((v) => ({ id: v.id, county_id: v.countyId ?? null, geometry: v.geometry })),
		grids: input.grids.map((g) => ({ id: g.id, village_id: g.villageId, geometry: g.geometry })),
		officers: input.officers.map((o) => ({
			id: o.id,
			kind: o.kind,
			status: o.active ? 'active' : 'retired',
			village_id: o.villageId
		})),
		assignments: input.assignments.map((a) => ({ grid_id: a.gridId, officer_id: a.officerId, role: a.role })),
		reach_points: input.reachPoints,
		households: {
			id: input.households.map((h) => h.id),
			grid_id: input.households.map((h) => h.gridId),
			residents: input.households.map((h) => h.residents),
			lon: input.households.map((h) => h.point[0]),
			lat: input.households.map((h) => h.point[1])
		},
		campaign: input.campaign
			? { id: input.campaign.id, target_share: input.campaign.targetShare, grid_ids: input.campaign.gridIds }
			: null,
		visited_household_ids: input.visits.filter((v) => v.outcome === 'visited').map((v) => v.householdId),
		counties: []
	};
	return JSON.stringify(json);
}

const INPUT = asJson(fixtureInput);
const reachCount = (findings: { kind: string }[]) =>
	findings.filter((f) => REACH_KINDS.has(f.kind as never)).length;

describe('the gaps session (the worker body)', () => {
	it('refuses a run before the input, then loads the input once', () => {
		const session = createGapsSession();
		expect(session.handle({ type: 'run', runId: 1, options: { reachKm: 3, targetShare: null } })).toEqual({
			type: 'error',
			runId: 1,
			message: 'no_input'
		});
		expect(session.handle({ type: 'input', json: INPUT })).toEqual({
			type: 'loaded',
			villages: fixtureInput.villages.length,
			grids: fixtureInput.grids.length,
			households: fixtureInput.households.length
		});
	});

	it('answers a run with what the engine finds, and the totals', () => {
		const session = createGapsSession(() => 0);
		session.handle({ type: 'input', json: INPUT });
		const reply = session.handle({ type: 'run', runId: 7, options: { reachKm: 3, targetShare: 0.9 } });
		if (reply.type !== 'result') throw new Error(reply.type);
		const direct = analyse(fixtureInput, { reachKm: 3, targetShare: 0.9 });
		expect(reply.runId).toBe(7);
		expect(reply.findings.map((f) => f.id)).toEqual(direct.map((f) => f.id));
		expect(reply.summary.findings).toBe(direct.length);
		expect(reply.totals.campaign?.target).toBe(0.9);
		expect(reply.ms).toBe(0);
	});

	it('finds fewer villages beyond reach with a longer reach', () => {
		const session = createGapsSession();
		session.handle({ type: 'input', json: INPUT });
		const near = session.handle({ type: 'run', runId: 1, options: { reachKm: 1, targetShare: null } });
		const far = session.handle({ type: 'run', runId: 2, options: { reachKm: 10, targetShare: null } });
		if (near.type !== 'result' || far.type !== 'result') throw new Error('no result');
		expect(reachCount(near.findings)).toBeGreaterThan(reachCount(far.findings));
		expect(far.totals.householdsInReach).toBeGreaterThanOrEqual(near.totals.householdsInReach);
	});

	it('reports bad input as an error instead of throwing', () => {
		const session = createGapsSession();
		const reply = session.handle({ type: 'input', json: '{not json' });
		expect(reply).toMatchObject({ type: 'error', runId: null });
	});
});

describe('plan totals', () => {
	it('counts villages covered, grids assigned, households in reach and the campaign share', () => {
		const findings = analyse(fixtureInput, { reachKm: 3 });
		const totals = planTotals(fixtureInput, findings, null);
		const unassigned = findings.filter((f) => f.kind === 'grid_unassigned').length;
		expect(totals.grids).toBe(fixtureInput.grids.length);
		expect(totals.gridsAssigned).toBe(fixtureInput.grids.length - unassigned);
		expect(totals.villagesCovered).toBeLessThan(totals.villages);
		const beyond = findings.filter((f) => REACH_KINDS.has(f.kind)).reduce((sum, f) => sum + f.households, 0);
		expect(totals.householdsInReach).toBe(fixtureInput.households.length - beyond);
		// campaign grids 11, 12, 21; households 1, 2 and 5 visited (3 and 9 were not)
		const inCampaign = fixtureInput.households.filter((h) => [11, 12, 21].includes(h.gridId ?? -1));
		expect(totals.campaign).toMatchObject({
			households: inCampaign.length,
			visited: 3,
			target: 0.5,
			grids: 3
		});
	});
});

/** A worker that answers through the real session, when the test says so. */
class FakeWorker implements WorkerLike {
	onmessage: ((event: { data: FromWorker }) => void) | null = null;
	onerror: ((event: { message?: string }) => void) | null = null;
	received: ToWorker[] = [];
	terminated = false;
	private session = createGapsSession();
	private queue: FromWorker[] = [];
	postMessage(message: ToWorker): void {
		this.received.push(message);
		this.queue.push(this.session.handle(message));
	}
	terminate(): void {
		this.terminated = true;
	}
	/** deliver every reply so far (as a worker would, later) */
	flush(): void {
		for (const data of this.queue.splice(0)) this.onmessage?.({ data });
	}
}

function fakeClient() {
	const workers: FakeWorker[] = [];
	const client = new GapsClient(() => {
		const w = new FakeWorker();
		workers.push(w);
		return w;
	});
	return { client, workers };
}

const OPTIONS = { reachKm: 3, targetShare: null };

describe('the gaps client', () => {
	it('sends the input once and resolves a run with its result', async () => {
		const { client, workers } = fakeClient();
		client.setInput(INPUT);
		const run = client.run(OPTIONS);
		expect(client.busy).toBe(true);
		workers[0].flush();
		const outcome = await run;
		expect(outcome.status).toBe('done');
		if (outcome.status === 'done') expect(outcome.result.findings.length).toBeGreaterThan(0);
		expect(workers).toHaveLength(1);
		expect(workers[0].received.map((m) => m.type)).toEqual(['input', 'run']);
		expect(client.busy).toBe(false);
	});

	it('supersedes a run under way: the worker is terminated and a new one gets the input again', async () => {
		const { client, workers } = fakeClient();
		client.setInput(INPUT);
		const first = client.run(OPTIONS);
		const second = client.run({ reachKm: 10, targetShare: null });
		expect(await first).toEqual({ status: 'superseded' });
		expect(workers[0].terminated).toBe(true);
		expect(workers).toHaveLength(2);
		expect(workers[1].received.map((m) => m.type)).toEqual(['input', 'run']);
		// a late answer of the terminated worker changes nothing
		workers[0].flush();
		expect(client.busy).toBe(true);
		workers[1].flush();
		const outcome = await second;
		if (outcome.status !== 'done') throw new Error(outcome.status);
		expect(outcome.result.options.reachKm).toBe(10);
	});

	it('cancels a run: the worker stops, and the next run starts a fresh one', async () => {
		const { client, workers } = fakeClient();
		client.setInput(INPUT);
		const run = client.run(OPTIONS);
		expect(client.cancel()).toBe(true);
		expect(await run).toEqual({ status: 'cancelled' });
		expect(workers[0].terminated).toBe(true);
		expect(client.cancel()).toBe(false);
		const next = client.run(OPTIONS);
		expect(workers).toHaveLength(2);
		workers[1].flush();
		expect((await next).status).toBe('done');
		expect(client.started).toBe(2);
	});

	it('turns a crashed worker into an error outcome', async () => {
		const { client, workers } = fakeClient();
		client.setInput(INPUT);
		const run = client.run(OPTIONS);
		workers[0].onerror?.({ message: 'out of memory' });
		expect(await run).toEqual({ status: 'error', message: 'out of memory' });
		expect(workers[0].terminated).toBe(true);
	});

	it('refuses to run without input', async () => {
		const { client } = fakeClient();
		expect(await client.run(OPTIONS)).toEqual({ status: 'error', message: 'no_input' });
	});
});
