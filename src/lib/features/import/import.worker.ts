// Reading, checking and uploading an import file off the main thread: a 50 MB file must not
// freeze the page. The session holds the parsed file between the admin's choices.
import type { ToWorker } from './protocol.ts';
import { createImportSession } from './session.ts';

const scope = self as unknown as {
	onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
	postMessage(message: unknown): void;
};
const session = createImportSession(fetch.bind(self));
let queue = Promise.resolve();
// one message at a time, in order: a choice made while reading applies to what was read
scope.onmessage = (e) => {
	queue = queue.then(() => session.handle(e.data, (m) => scope.postMessage(m)));
};
