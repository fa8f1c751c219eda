// Past one server: two app processes on one PostgreSQL, as behind a load balancer, serve the same
// users. A session made on one works on the other and ends on both; an assignment made through
// one reaches the other's live clients within the live target; a grid written by any path is in
// the next tile either process serves. Needs DATABASE_URL (a server where databases may be made)
// and the built app (`npm run test:e2e` or `vite build` makes it).
import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, serveApp, type RunningApp } from '../../scripts/serve.ts';
import { ApiSession } from '../../scripts/simulate/api-session.ts';
import { tileAt } from '../../src/lib/geo/tile-coordinates.ts';
import type { ChangeEvent } from '../../src/lib/types/live.ts';

/** the live channel's target, as the command room's e2e and bench hold it */
const LIVE_TARGET_MS = 1500;
const NAME = 'gpm_servers';

let sql: postgres.Sql;
const apps: RunningApp[] = [];
let a: string;
let b: string;

beforeAll(async () => {
	const url = process.env.DATABASE_URL;
	if (!url)
		throw new Error('the two-server suite needs DATABASE_URL (a PostgreSQL where databases may be made)');
	const admin = postgres(url, { max: 1, onnotice: () => {} });
	await admin.unsafe(`drop database if exists ${NAME} with (force)`);
	await admin.unsafe(`create database ${NAME}`);
	await admin.end();
	const target = new URL(url);
	target.pathname = `/${NAME}`;
	sql = postgres(target.toString(), { max: 1, onnotice: () => {} });
	ensureBuilt();
	// one secret for both, as a balancer's processes share it; the first seeds, the second finds data
	const env = { SESSION_SECRET: 'two-servers-suite-secret-0123456789abcdef' };
	for (const port of [3411, 3412])
		apps.push(
			await serveApp({ dataDir: '.data/servers', port, databaseUrl: target.toString(), env, quiet: true })
		);
	[a, b] = apps.map((app) => app.url);
}, 600_000);

afterAll(async () => {
	await Promise.all(apps.map((app) => app.stop()));
	await sql?.end();
});

/** Server-Sent Events of one live stream, as they arrive. */
async function* liveEvents(res: Response): AsyncGenerator<{ event: string; data: unknown }> {
	const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
	let buffer = '';
	for (;;) {
		const { value, done } = await reader.read();
		if (done) return;
		buffer += value;
		let end: number;
		while ((end = buffer.indexOf('\n\n')) >= 0) {
			const frame = buffer.slice(0, end);
			buffer = buffer.slice(end + 2);
			const event = /^event: (.*)$/m.exec(frame)?.[1];
			const data = /^data: (.*)$/m.exec(frame)?.[1];
			if (event && data) yield { event, data: JSON.parse(data) };
		}
	}
}

async function gridNameInTile(session: ApiSession, grid: { id: number; lon: number; lat: number }) {
	const { x, y } = tileAt(grid.lon, grid.lat, 14);
	const res = await session.raw(`/api/tiles/grids/14/${x}/${y}`);
	expect(res.status).toBe(200);
	const tile = new VectorTile(new Pbf(new Uint8Array(await res.arrayBuffer())));
	const layer = tile.layers.grids;
	for (let i = 0; i < layer.length; i++) {
		const f = layer.feature(i);
		if (Number(f.id) === grid.id) return { name: f.properties.name, etag: res.headers.get('etag')! };
	}
	throw new Error(`grid ${grid.id} not in its tile`);
}

describe('two app processes on one PostgreSQL', () => {
	it('share sessions: made on one, used on the other, ended on both', async () => {
		const onA = await ApiSession.signIn(a, 'command@demo.local');
		const onB = onA.at(b);
		expect((await onB.raw('/api/summary')).status).toBe(200);
		expect((await onA.raw('/api/session', { method: 'DELETE' })).status).toBe(204);
		const after = await onB.raw('/api/summary');
		expect(after.status).toBe(401);
		expect(await after.json()).toEqual({ message: 'sign_in_required' });
	});

	it("carry an assignment made through one to the other's live clients within the target", async () => {
		const [{ station }] = await sql<{ station: number }[]>`
			select station_id::int station from app.accounts where email = 'head@demo.local'`;
		// a grid of the head's station with a primary officer, and another officer of the same kind
		const [pick] = await sql<{ grid: number; now: number; next: number }[]>`
			select a.grid_id::int grid, a.officer_id::int now, o2.id::int next
			from grid_assignments a
			join grids g on g.id = a.grid_id join villages v on v.id = g.village_id
			join officers o on o.id = a.officer_id
			join officers o2 on o2.station_id = v.station_id and o2.kind = o.kind and o2.id <> o.id
			  and o2.status = 'active'
			where v.station_id = ${station} and a.role = 'primary' and upper_inf(a.during)
			order by a.grid_id, o2.id limit 1`;
		expect(pick).toBeDefined();

		const watcher = await ApiSession.signIn(b, 'command@demo.local');
		const stream = await watcher.raw('/api/live');
		expect(stream.status).toBe(200);
		const events = liveEvents(stream);
		for (let e = await events.next(); !e.done && e.value.event !== 'ready'; e = await events.next());

		const head = await ApiSession.signIn(a, 'head@demo.local');
		const t0 = Date.now();
		await head.request('POST', `/api/grids/${pick.grid}/assignment`, {
			officer_id: pick.next,
			expected_officer_id: pick.now,
			role: 'primary'
		});
		let seen: number | null = null;
		const deadline = setTimeout(() => void stream.body?.cancel(), 10_000);
		for await (const { event, data } of events) {
			if (event !== 'changes') continue;
			const hit = (data as ChangeEvent[]).find(
				(c) =>
					c.kind === 'assignment' &&
					c.data.grid_id === pick.grid &&
					c.data.officer_id === pick.next &&
					c.data.active
			);
			if (hit) {
				seen = Date.now() - t0;
				break;
			}
		}
		clearTimeout(deadline);
		await stream.body?.cancel().catch(() => {});
		expect(seen).not.toBeNull();
		console.log(`assignment through one server seen on the other's live stream after ${seen} ms`);
		expect(seen!).toBeLessThan(LIVE_TARGET_MS);
	});

	it('serve the new outline or name from either process once a grid is written', async () => {
		const [grid] = await sql<{ id: number; name: string; lon: number; lat: number }[]>`
			select g.id::int, g.name, ST_X(p) lon, ST_Y(p) lat
			from grids g cross join lateral ST_PointOnSurface(g.geom) p order by g.id limit 1`;
		const onA = await ApiSession.signIn(a, 'command@demo.local');
		const onB = onA.at(b);
		const before = await gridNameInTile(onA, grid);
		expect(before.name).toBe(grid.name);
		expect((await gridNameInTile(onB, grid)).name).toBe(grid.name);
		// a map holding the tile is told it is current (304) while nothing changed
		const { x, y } = tileAt(grid.lon, grid.lat, 14);
		const path = `/api/tiles/grids/14/${x}/${y}`;
		expect((await onB.raw(path, { headers: { 'if-none-match': before.etag } })).status).toBe(304);

		// plain SQL, as in Supabase Studio: neither process is told, both read the layer's version
		await sql`update grids set name = '新名网格' where id = ${grid.id}`;
		for (const session of [onA, onB]) {
			const after = await gridNameInTile(session, grid);
			expect(after.name).toBe('新名网格');
			expect(after.etag).not.toBe(before.etag);
		}
		expect((await onB.raw(path, { headers: { 'if-none-match': before.etag } })).status).toBe(200);
	});
});
