// adapter-node serves static files precompressed but not dynamic responses; map layers are
// JSON of a few megabytes that gzip to a fifth, which is what keeps the first view small.
// Compressed as a stream (CompressionStream: zlib on libuv's thread pool, level 6 as before):
// gzipping a layer of megabytes in one synchronous call held every other request meanwhile.
import { joined } from '../formats/streamed.ts';

const MIN_BYTES = 1024;

export async function gzipJson(request: Request, response: Response): Promise<Response> {
	const type = response.headers.get('content-type') ?? '';
	if (!type.includes('application/json') || response.headers.has('content-encoding')) return response;
	if (!/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')) return response;
	const headers = new Headers(response.headers);
	headers.append('vary', 'accept-encoding');
	const { status } = response;
	if (!response.body) return new Response(null, { status, headers });
	// the first kilobyte decides: a smaller body goes as it is
	const reader = response.body.getReader();
	const head: Uint8Array<ArrayBuffer>[] = [];
	for (let size = 0; size < MIN_BYTES;) {
		const next = await reader.read();
		if (next.done) return new Response(joined(head) as BodyInit, { status, headers });
		head.push(next.value);
		size += next.value.length;
	}
	headers.set('content-encoding', 'gzip');
	headers.delete('content-length');
	const body = new ReadableStream<BufferSource>({
		start(controller) {
			for (const part of head) controller.enqueue(part);
		},
		async pull(controller) {
			const next = await reader.read();
			if (next.done) controller.close();
			else controller.enqueue(next.value);
		},
		cancel: (reason) => reader.cancel(reason)
	});
	return new Response(body.pipeThrough(new CompressionStream('gzip')), { status, headers });
}
