// At most two heavy exports (a whole layer, a large selection) at once, server-wide: each
// holds the embedded database slice after slice and a few hundred megabytes for several
// seconds at county scale, and more of them side by side would slow every other request
// without finishing any sooner. A further one is refused (429, `export_busy`) rather than
// queued: a download waiting silently looks broken, a message says to try again shortly.
export const MAX_HEAVY_EXPORTS = 2;

/** A download nobody reads from for this long is dropped, so it cannot hold its slot forever. */
const IDLE_MS = 60_000;

let running = 0;

/** A slot, or null when all are taken; the function returned gives it back (once). */
export function takeExportSlot(): (() => void) | null {
	if (running >= MAX_HEAVY_EXPORTS) return null;
	running++;
	let held = true;
	return () => {
		if (!held) return;
		held = false;
		running--;
	};
}

/**
 * A response body read from `pieces` only as the client takes it; `finished` runs once, when
 * the last piece is read, the client goes away, the writer fails or nobody reads for a minute.
 */
export function streamedBody(
	pieces: AsyncIterable<Uint8Array>,
	finished: () => void
): ReadableStream<Uint8Array> {
	const iterator = pieces[Symbol.asyncIterator]();
	let idle: ReturnType<typeof setTimeout> | undefined;
	const stop = () => {
		clearTimeout(idle);
		finished();
	};
	const watch = (controller: ReadableStreamDefaultController<Uint8Array>) => {
		clearTimeout(idle);
		idle = setTimeout(() => {
			stop();
			controller.error(new Error('export download idle'));
			void iterator.return?.();
		}, IDLE_MS);
		idle.unref?.();
	};
	return new ReadableStream<Uint8Array>(
		{
			start: watch,
			async pull(controller) {
				try {
					const next = await iterator.next();
					if (next.done) {
						stop();
						controller.close();
					} else {
						watch(controller);
						controller.enqueue(next.value);
					}
				} catch (e) {
					stop();
					controller.error(e);
				}
			},
			async cancel() {
				stop();
				await iterator.return?.();
			}
		},
		// nothing is written ahead of the reader: the pace of the download paces the work
		{ highWaterMark: 0 }
	);
}
