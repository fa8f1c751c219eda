// JSON over fetch for the browser: a failed response becomes an ApiError carrying the server's
// message key (`assignment_conflict`, `grid_not_found`) so the page can translate it.

export class ApiError extends Error {
	constructor(
		readonly status: number,
		/** message key from the server, or `network` when nothing answered */
		readonly key: string
	) {
		super(key);
		this.name = 'ApiError';
	}
}

export type Fetch = typeof fetch;

export async function requestJson<T>(
	fetchFn: Fetch,
	path: string,
	init: { method?: 'GET' | 'POST' | 'PATCH' | 'DELETE'; body?: unknown } = {}
): Promise<T> {
	let res: Response;
	try {
		res = await fetchFn(path, {
			method: init.method ?? 'GET',
			headers: {
				accept: 'application/json',
				...(init.body === undefined ? {} : { 'content-type': 'application/json' })
			},
			body: init.body === undefined ? undefined : JSON.stringify(init.body)
		});
	} catch {
		throw new ApiError(0, 'network');
	}
	if (!res.ok) {
		const body = (await res.json().catch(() => null)) as { message?: string } | null;
		throw new ApiError(res.status, body?.message ?? `http_${res.status}`);
	}
	return (await res.json()) as T;
}
