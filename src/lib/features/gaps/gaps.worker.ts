// The coverage-gap engine off the main thread: the planner's page stays responsive while it runs,
// and a superseded or cancelled run is stopped by terminating this worker.
import { createGapsSession, type ToWorker } from './protocol.ts';

const session = createGapsSession();
const scope = self as unknown as {
	onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
	postMessage(message: unknown): void;
};

scope.onmessage = (e) => scope.postMessage(session.handle(e.data));
