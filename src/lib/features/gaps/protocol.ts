// What the planner's page and the gaps worker say to each other, and the worker's side of it as
// a plain function so it runs (and is tested) in Node as well as in a Web Worker. The worker gets
// the input once (as the JSON text of coverage_input(), parsed off the main thread) and options on
// every change; each run answers with the findings, the totals and how long it took.
import { CoverageCache, type CoverageSummary } from '$lib/coverage/engine';
import type { Finding } from '$lib/coverage/findings';
import { coverageInputFromJson, type CoverageInputJson } from '$lib/coverage/from-database';
import type { CoverageInput } from '$lib/coverage/input';
import { planTotals, type PlanTotals } from './totals.ts';

export interface GapsOptions {
	reachKm: number;
	/** campaign visit target 0..1; null = the campaign's own */
	targetShare: number | null;
}

export type ToWorker = { type: 'input'; json: string } | { type: 'run'; runId: number; options: GapsOptions };

export interface GapsResult {
	runId: number;
	options: GapsOptions;
	findings: Finding[];
	summary: CoverageSummary;
	totals: PlanTotals;
	ms: number;
}

export type FromWorker =
	| { type: 'loaded'; villages: number; grids: number; households: number }
	| ({ type: 'result' } & GapsResult)
	| { type: 'error'; runId: number | null; message: string };

/** The worker's state machine: keeps the parsed input, answers each message with one reply. */
export function createGapsSession(now: () => number = () => performance.now()) {
	let input: CoverageInput | null = null;
	return {
		handle(message: ToWorker): FromWorker {
			try {
				if (message.type === 'input') {
					input = coverageInputFromJson(JSON.parse(message.json) as CoverageInputJson);
					return {
						type: 'loaded',
						villages: input.villages.length,
						grids: input.grids.length,
						households: input.households.length
					};
				}
				if (!input) return { type: 'error', runId: message.runId, message: 'no_input' };
				const t0 = now();
				const { reachKm, targetShare } = message.options;
				const cache = new CoverageCache(input, { reachKm, targetShare });
				const findings = cache.findings();
				return {
					type: 'result',
					runId: message.runId,
					options: message.options,
					findings,
					summary: cache.summary(),
					totals: planTotals(input, findings, targetShare),
					ms: now() - t0
				};
			} catch (e) {
				return {
					type: 'error',
					runId: message.type === 'run' ? message.runId : null,
					message: e instanceof Error ? e.message : String(e)
				};
			}
		}
	};
}
