// The engine's input as text: parsed in the worker, so the 5 MB (county) to 100 MB (province)
// of JSON never blocks the page.
import { ApiError, type Fetch } from '$lib/api/request';

export async function getCoverageInputText(f: Fetch): Promise<string> {
	let res: Response;
	try {
		res = await f('/api/coverage/input', { headers: { accept: 'application/json' } });
	} catch {
		throw new ApiError(0, 'network');
	}
	if (!res.ok) {
		const body = (await res.json().catch(() => null)) as { message?: string } | null;
		throw new ApiError(res.status, body?.message ?? `http_${res.status}`);
	}
	return res.text();
}
