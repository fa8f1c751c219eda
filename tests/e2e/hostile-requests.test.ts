// What a hostile or careless caller gets from the built server: a session that ends when it is
// signed out (a copied cookie included), no redirect off the site after sign-in, no framing,
// bodies refused by size before they are read, and malformed bodies answered with a 4xx and a
// message key, never a 500 or PostgreSQL's own text.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/lib/server/auth/demo.ts';

const baseUrl = inject('baseUrl');

async function signIn(email: string): Promise<string> {
	const res = await fetch(`${baseUrl}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email, password: DEMO_PASSWORD })
	});
	expect(res.status).toBe(200);
	return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

let head = '';
beforeAll(async () => {
	head = await signIn('head@demo.local');
});
afterAll(async () => {
	await fetch(`${baseUrl}/api/session`, { method: 'DELETE', headers: { cookie: head } });
});

describe('sessions', () => {
	it('end when signed out: a copy of the cookie stops working at once', async () => {
		const cookie = await signIn('head@demo.local');
		const copy = cookie;
		expect((await fetch(`${baseUrl}/api/summary`, { headers: { cookie: copy } })).status).toBe(200);
		const out = await fetch(`${baseUrl}/api/session`, { method: 'DELETE', headers: { cookie } });
		expect(out.status).toBe(204);
		const after = await fetch(`${baseUrl}/api/summary`, { headers: { cookie: copy } });
		expect(after.status).toBe(401);
		expect(await after.json()).toEqual({ message: 'sign_in_required' });
		// other sessions of the same account go on
		expect((await fetch(`${baseUrl}/api/summary`, { headers: { cookie: head } })).status).toBe(200);
	});
});

describe('pages', () => {
	it('never send a signed-in user off the site, however `next` is dressed up', async () => {
		// pages render in the browser: the sign-in page's data says where to go next
		const target = async (next: string) => {
			const res = await fetch(`${baseUrl}/login/__data.json?next=${next}`, { headers: { cookie: head } });
			return ((await res.json()) as { type: string; location?: string }).location;
		};
		for (const next of [
			'%2F%09%2Fevil.example',
			'%2F%2Fevil.example',
			'%2F%5Cevil.example',
			'https%3A%2F%2Fevil.example'
		])
			expect(await target(next), next).toBe('/');
		expect(await target('%2Fcampaigns')).toBe('/campaigns');
	});

	it('may not be framed by another site', async () => {
		for (const path of ['/', '/login']) {
			const res = await fetch(`${baseUrl}${path}`, { headers: { cookie: head } });
			expect(res.headers.get('x-frame-options'), path).toBe('DENY');
			expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
		}
	});

	it('are refused by the server to a role that does not use them', async () => {
		// pages render in the browser: the server's answer is the page's data, refused with the key
		const res = await fetch(`${baseUrl}/admin/accounts/__data.json`, { headers: { cookie: head } });
		const text = await res.text();
		expect(text).toContain('page_not_for_role');
		expect(text).toContain('403');
	});
});

describe('request bodies', () => {
	it('are refused by size before they are read, even from anonymous callers', async () => {
		const big = JSON.stringify({ email: 'x@y.z', password: 'p'.repeat(5 * 1024 * 1024) });
		const started = performance.now();
		const res = await fetch(`${baseUrl}/api/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: big
		});
		expect(res.status).toBe(413);
		expect(await res.json()).toMatchObject({ message: 'body_too_large' });
		expect(performance.now() - started).toBeLessThan(5000);
	});

	it('that are malformed get a 4xx with a message key, never a 500 or PostgreSQL’s text', async () => {
		const deep = '['.repeat(5000) + ']'.repeat(5000);
		const BODIES = [
			deep,
			'{"a":' + deep + '}',
			'not json',
			'null',
			'[]',
			'"text"',
			'{}',
			JSON.stringify({ name: 12, starts_on: 'tomorrow', ends_on: null, scope: 'all', blocks: 'x' }),
			JSON.stringify({
				visits: [{ household_id: '1; drop table households', visited_at: 'x', client_key: 5 }]
			}),
			JSON.stringify({ visits: 'x', all_or_nothing: 'yes' }),
			'{"officer_id": 99999999999999999999, "expected_officer_id": -1}',
			JSON.stringify({ incident_id: '12abc', n: 1e308, due_on: '2026-02-30' }),
			JSON.stringify({ category: 'fraud', priority: 'high', summary: [], lon: 'x', lat: {} }),
			'{"edits": [{"op": "split", "grid_id": "x", "line": {"type": "LineString", "coordinates": [[1e400, 0]]}}]}'
		];
		const ENDPOINTS = [
			'/api/campaigns',
			'/api/campaigns/1/visits',
			'/api/campaigns/knock-lists',
			'/api/campaigns/choice',
			'/api/grids/1/assignment',
			'/api/grids/1/split',
			'/api/incidents',
			'/api/grid-drafts/preview',
			'/api/officers/positions',
			'/api/suggestions',
			'/api/accounts',
			'/api/import'
		];
		const bad: string[] = [];
		for (const path of ENDPOINTS) {
			for (const body of BODIES) {
				const res = await fetch(`${baseUrl}${path}`, {
					method: 'POST',
					headers: { cookie: head, 'content-type': 'application/json', origin: baseUrl },
					body
				});
				const text = await res.text();
				const leaked = /syntax|violates|invalid input|column|relation|function|PostgreSQL/i.test(text);
				// a body that happens to be acceptable ('{}' chooses no campaign) may succeed
				if (res.status >= 500 || (res.status >= 400 && leaked))
					bad.push(`${path} ${body.slice(0, 40)} → ${res.status} ${text.slice(0, 120)}`);
			}
		}
		expect(bad).toEqual([]);
	});
});
