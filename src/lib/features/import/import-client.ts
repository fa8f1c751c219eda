// The page's handle on the import worker: one worker per page, messages in order, the latest
// state out through a callback.
import type { FromWorker, ToWorker } from './protocol.ts';

export class ImportClient {
	private worker: Worker;

	constructor(onmessage: (m: FromWorker) => void, onerror: (message: string) => void) {
		this.worker = new Worker(new URL('./import.worker.ts', import.meta.url), {
			type: 'module',
			name: 'import'
		});
		this.worker.onmessage = (e: MessageEvent<FromWorker>) => onmessage(e.data);
		this.worker.onerror = (e) => onerror(e.message ?? 'worker_error');
	}

	send(message: ToWorker, transfer: Transferable[] = []): void {
		this.worker.postMessage(message, transfer);
	}

	close(): void {
		this.worker.terminate();
	}
}
