// Files written piece by piece. The writers are generators of byte pieces, so one writer serves
// a download the server streams, with turns for the event loop between pieces (a county's
// households take seconds to write, and the server must answer other requests meanwhile), and
// a file built whole in the browser or a test. In a writer's own synchronous generators an
// empty piece is a pause point: it may be paused there, with nothing to send yet.

export const NOTHING = new Uint8Array(0);

/**
 * A turn for the event loop: timers and I/O run before the work resumes. Awaiting a promise is
 * not one: a chain of them, even of database calls, runs before any request that arrived.
 * (setImmediate lets pending I/O run first; browsers have only setTimeout.)
 */
export const turn: () => Promise<void> =
	typeof setImmediate === 'function'
		? () => new Promise((resolve) => setImmediate(resolve))
		: () => new Promise((resolve) => setTimeout(resolve, 0));

/** Gives the event loop a turn whenever `sliceMs` of work have passed since the last one. */
export class Pace {
	#since = performance.now();

	constructor(private readonly sliceMs = 10) {}

	async step(): Promise<void> {
		if (performance.now() - this.#since < this.sliceMs) return;
		await turn();
		this.#since = performance.now();
	}
}

/** A writer's pieces one by one, with a turn for the event loop whenever a slice of time has passed. */
export async function* paced(pieces: Iterable<Uint8Array>, pace = new Pace()): AsyncGenerator<Uint8Array> {
	for (const piece of pieces) {
		if (piece.length > 0) yield piece;
		await pace.step();
	}
}

/** A generator's result, its pause points run through at once. */
export function finished<T>(work: Generator<unknown, T>): T {
	for (;;) {
		const next = work.next();
		if (next.done) return next.value;
	}
}

/** A generator's result, with a turn for the event loop whenever a slice of time has passed. */
export async function settled<T>(work: Generator<unknown, T>, pace = new Pace()): Promise<T> {
	for (;;) {
		const next = work.next();
		if (next.done) return next.value;
		await pace.step();
	}
}

/** Bytes at hand as pieces of `size`, so that whoever takes them can pause between pieces. */
export function* sliced(bytes: Uint8Array, size = 64 * 1024): Generator<Uint8Array> {
	for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** Pieces as one array. */
export function joined(pieces: Iterable<Uint8Array>): Uint8Array {
	const all = [...pieces];
	const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of all) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

/** Pieces as one array, once all have been read. */
export async function gathered(pieces: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
	const all: Uint8Array[] = [];
	for await (const p of pieces) all.push(p);
	return joined(all);
}

const utf8 = new TextEncoder();

/** Text pieces as UTF-8 (a piece must not end inside a surrogate pair: writers cut at row ends). */
export function* encoded(texts: Iterable<string>): Generator<Uint8Array> {
	for (const text of texts) yield text ? utf8.encode(text) : NOTHING;
}
