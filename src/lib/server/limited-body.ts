// A request body read as a stream with a byte limit: past the limit the read stops and the
// caller answers 413 with a message key, instead of buffering whatever a client sends.
import { json } from '@sveltejs/kit';

export class BodyTooLarge extends Error {
	constructor(readonly limit: number) {
		super('body_too_large');
	}
}

export async function readLimitedText(request: Request, limit: number): Promise<string> {
	const declared = Number(request.headers.get('content-length') ?? 0);
	if (declared > limit) throw new BodyTooLarge(limit);
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.length;
		if (size > limit) {
			await reader.cancel();
			throw new BodyTooLarge(limit);
		}
		chunks.push(value);
	}
	const all = new Uint8Array(size);
	let at = 0;
	for (const c of chunks) {
		all.set(c, at);
		at += c.length;
	}
	return new TextDecoder().decode(all);
}

export function tooLargeResponse(key: string, limit: number): Response {
	return json({ message: key, detail: String(limit) }, { status: 413 });
}
