// The engine's input as text: parsed in the worker, so the 5 MB (county) to 100 MB (province)
// of JSON never blocks the page.
import { ApiError, type Fetch } from '$lib/api/request';

/** The whole jurisdiction's input, or (with `countyIds`) that of those counties' villages. */
export async function getCoverageInputText(f: Fetch, countyIds?: readonly number[]): Promise<string> {
	const url = countyIds ? `/api/coverage/input?counties=${countyIds.join(',')}` : '/api/coverage/input';
	let res: Response;
	try {
		res = await f(url, { headers: { accept: 'application/json' } });
	} catch {
		throw new ApiError(0, 'network');
	}
	if (!res.ok) {
		const body = (await res.json().catch(() => null)) as { message?: string } | null;
		throw new ApiError(res.status, body?.message ?? `http_${res.status}`);
	}
	return res.text();
}
