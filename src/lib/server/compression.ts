// adapter-node serves static files precompressed but not dynamic responses; map layers are
// JSON of a few megabytes that gzip to a fifth, which is what keeps the first view small.
import { gzipSync } from 'node:zlib';

const MIN_BYTES = 1024;

export async function gzipJson(request: Request, response: Response): Promise<Response> {
	const type = response.headers.get('content-type') ?? '';
	if (!type.includes('application/json') || response.headers.has('content-encoding')) return response;
	if (!/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')) return response;
	const body = new Uint8Array(await response.arrayBuffer());
	const headers = new Headers(response.headers);
	headers.append('vary', 'accept-encoding');
	if (body.byteLength < MIN_BYTES) return new Response(body, { status: response.status, headers });
	headers.set('content-encoding', 'gzip');
	headers.delete('content-length');
	return new Response(gzipSync(body, { level: 6 }), { status: response.status, headers });
}
