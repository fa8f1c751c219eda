// The page's handle on the gaps worker. One run at a time: a new run supersedes the one under way
// and a cancel stops it, both by terminating the worker (the engine cannot be interrupted from
// outside) and starting a fresh one, which gets the input again before the next run.
import type { FromWorker, GapsOptions, GapsResult, ToWorker } from './protocol.ts';

/** The part of a Worker the client uses, so tests can hand it a fake. */
export interface WorkerLike {
	postMessage(message: ToWorker): void;
	terminate(): void;
	onmessage: ((event: { data: FromWorker }) => void) | null;
	onerror: ((event: { message?: string }) => void) | null;
}

export type RunOutcome =
	| { status: 'done'; result: GapsResult }
	| { status: 'superseded' }
	| { status: 'cancelled' }
	| { status: 'error'; message: string };

interface Pending {
	runId: number;
	settle: (outcome: RunOutcome) => void;
}

export class GapsClient {
	private worker: WorkerLike | null = null;
	private input: string | null = null;
	private pending: Pending | null = null;
	private nextRun = 1;
	/** workers started so far (the first one included) */
	started = 0;

	constructor(private readonly create: () => WorkerLike) {}

	/** The JSON text of coverage_input(); kept so a restarted worker gets it again. */
	setInput(json: string): void {
		this.input = json;
		this.spawn().postMessage({ type: 'input', json });
	}

	get busy(): boolean {
		return this.pending !== null;
	}

	run(options: GapsOptions): Promise<RunOutcome> {
		if (this.input === null) return Promise.resolve({ status: 'error', message: 'no_input' });
		if (this.pending) this.stop('superseded');
		const runId = this.nextRun++;
		const worker = this.worker ?? this.spawn(true);
		return new Promise<RunOutcome>((resolve) => {
			this.pending = { runId, settle: resolve };
			worker.postMessage({ type: 'run', runId, options });
		});
	}

	/** Stops the run under way; false when there was none. */
	cancel(): boolean {
		if (!this.pending) return false;
		this.stop('cancelled');
		return true;
	}

	dispose(): void {
		if (this.pending) this.stop('cancelled');
		this.worker?.terminate();
		this.worker = null;
	}

	private stop(status: 'superseded' | 'cancelled'): void {
		const pending = this.pending;
		this.pending = null;
		this.worker?.terminate();
		this.worker = null;
		pending?.settle({ status });
	}

	private spawn(withInput = false): WorkerLike {
		this.worker?.terminate();
		const worker = this.create();
		this.started += 1;
		worker.onmessage = ({ data }) => {
			if (worker !== this.worker) return;
			const pending = this.pending;
			if (data.type === 'loaded' || !pending) return;
			if (data.runId !== null && data.runId !== pending.runId) return;
			this.pending = null;
			pending.settle(
				data.type === 'result' ? { status: 'done', result: data } : { status: 'error', message: data.message }
			);
		};
		worker.onerror = (event) => {
			if (worker !== this.worker) return;
			const pending = this.pending;
			this.pending = null;
			this.worker = null;
			worker.terminate();
			pending?.settle({ status: 'error', message: event.message ?? 'worker_error' });
		};
		this.worker = worker;
		if (withInput && this.input !== null) worker.postMessage({ type: 'input', json: this.input });
		return worker;
	}
}

/** The real thing: a module worker Vite bundles with the engine. */
export function browserGapsClient(): GapsClient {
	return new GapsClient(
		() =>
			new Worker(new URL('./gaps.worker.ts', import.meta.url), {
				type: 'module',
				name: 'coverage-gaps'
			}) as unknown as WorkerLike
	);
}
