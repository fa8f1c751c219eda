// The app's HTTP API from a script, signed in as a demo account (the session cookie kept by
// hand: Node's fetch has no cookie jar).
import { DEMO_PASSWORD } from '../../src/lib/server/auth/demo.ts';

export class ApiSession {
	private constructor(
		readonly baseUrl: string,
		private readonly cookie: string
	) {}

	static async signIn(baseUrl: string, email: string): Promise<ApiSession> {
		const res = await fetch(`${baseUrl}/api/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: baseUrl },
			body: JSON.stringify({ email, password: DEMO_PASSWORD })
		});
		const cookie = res.headers.get('set-cookie')?.split(';')[0];
		if (!res.ok || !cookie) throw new Error(`sign-in as ${email} failed: ${res.status}`);
		return new ApiSession(baseUrl, cookie);
	}

	/** The same signed-in session, talking to another server (another process behind one balancer). */
	at(baseUrl: string): ApiSession {
		return new ApiSession(baseUrl, this.cookie);
	}

	/** A request answered as it comes (a stream, a status without a body). */
	raw(path: string, init: RequestInit = {}): Promise<Response> {
		return fetch(`${this.baseUrl}${path}`, {
			...init,
			headers: { cookie: this.cookie, origin: this.baseUrl, ...(init.headers as Record<string, string>) }
		});
	}

	async request<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
		const res = await fetch(`${this.baseUrl}${path}`, {
			method,
			headers: {
				cookie: this.cookie,
				origin: this.baseUrl,
				...(body === undefined ? {} : { 'content-type': 'application/json' })
			},
			body: body === undefined ? undefined : JSON.stringify(body)
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
		return JSON.parse(text) as T;
	}

	/** A GET answered with bytes (a vector tile): its status and body as sent, decompressed. */
	async bytes(path: string): Promise<{ status: number; body: Uint8Array }> {
		const res = await fetch(`${this.baseUrl}${path}`, {
			headers: { cookie: this.cookie, origin: this.baseUrl }
		});
		if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${(await res.text()).slice(0, 200)}`);
		return { status: res.status, body: new Uint8Array(await res.arrayBuffer()) };
	}
}
