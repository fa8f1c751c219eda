// Vector tiles of villages and grids. On native PostgreSQL the app's tiles are PostGIS's ST_AsMVT;
// on PGlite, the JavaScript tiler's. Both hold, decoded, the same features with the same
// attributes and nearly the same outlines; both hold only what the caller may read; a write to
// grids, by any path, makes the next tile new.
import { VectorTile, type VectorTileLayer } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { rpcPort } from '../../src/lib/server/db/rpc.ts';
import type { Claims, DataPort } from '../../src/lib/server/db/port.ts';
import { byteaBytes, MapTiles } from '../../src/lib/server/tiles/map-tiles.ts';
import { JsTiler } from '../../src/lib/server/tiles/js-tiler.ts';
import { tileAt } from '../../src/lib/geo/tile-coordinates.ts';
import type { GridCollection } from '../../src/lib/types/layers.ts';
import type { GridStates, TileAddress, TiledLayer } from '../../src/lib/types/tiles.ts';
import { gunzipSync } from 'node:zlib';
import { actAs, asOwner, rolledBack, testDatabase, type TestDatabase } from './engine.ts';

let t: TestDatabase;
let port: DataPort;
beforeAll(async () => {
	t = await testDatabase();
	port = rpcPort(t.db);
});

const claims = (app_metadata: Claims['app_metadata']): Claims => ({
	sub: '00000000-0000-4000-8000-00000000c0de',
	role: 'authenticated',
	app_metadata
});
const COMMAND = claims({ app_role: 'command' });

interface Decoded {
	id: number;
	props: Record<string, unknown>;
	/** area in square tile units: shells minus holes */
	area: number;
}

function decode(bytes: Uint8Array, layer: TiledLayer): Map<number, Decoded> {
	const out = new Map<number, Decoded>();
	if (bytes.length === 0) return out;
	const tile = new VectorTile(new Pbf(bytes));
	const l: VectorTileLayer | undefined = tile.layers[layer];
	if (!l) return out;
	expect(l.extent).toBe(4096);
	for (let i = 0; i < l.length; i++) {
		const f = l.feature(i);
		expect(f.type).toBe(3); // polygon
		let area = 0;
		for (const ring of f.loadGeometry()) {
			let a = 0;
			for (let k = 0, j = ring.length - 1; k < ring.length; j = k++)
				a += ring[j].x * ring[k].y - ring[k].x * ring[j].y;
			area += a / 2;
		}
		expect(out.has(Number(f.id))).toBe(false);
		out.set(Number(f.id), { id: Number(f.id), props: f.properties, area: Math.abs(area) });
	}
	return out;
}

async function served(tiles: MapTiles, address: TileAddress, who: Claims): Promise<Map<number, Decoded>> {
	const tile = await tiles.tile(address, who);
	return decode(tile.size ? gunzipSync(tile.gzip) : new Uint8Array(0), address.layer);
}

/** A tile around the middle of some grid of the station, at zoom z. */
async function tileOfStation(station: number, z: number, layer: TiledLayer): Promise<TileAddress> {
	const [p] = await t.db.query<{ lon: number; lat: number }>(
		`select ST_X(c) lon, ST_Y(c) lat from (
		   select ST_PointOnSurface(g.geom) c from grids g join villages v on v.id = g.village_id
		   where v.station_id = $1 order by g.id limit 1) x`,
		[station]
	);
	return { layer, z, ...tileAt(p.lon, p.lat, z) };
}

describe('vector tiles', () => {
	it('hold the same features and attributes whichever engine cuts them', async () => {
		const tiles = new MapTiles(port);
		const [{ n }] = await t.db.query<{ n: number }>('select count(*)::int n from stations');
		let compared = 0;
		for (const layer of ['grids', 'villages'] as const) {
			// the JavaScript tiler on this engine's rows, whatever the engine
			const features = await port.call<FeatureCollection>('tile_features', { layer }, COMMAND);
			expect(features.features.length).toBeGreaterThan(layer === 'grids' ? 400 : 200);
			const js = new JsTiler(layer, features);
			for (const z of [9, 12, 14]) {
				const address = await tileOfStation(1 + (z % n), z, layer);
				const fromJs = decode(js.tile(address.z, address.x, address.y), layer);
				const fromApp = await served(tiles, address, COMMAND);
				expect(fromJs.size).toBeGreaterThan(0);
				if (port.transport === 'pglite') {
					// no ST_AsMVT here: the app's tile is the JavaScript tiler's, through its cache;
					// the comparison with PostGIS is the native run's
					expect(tiles.cutter).toBe('javascript');
					expect([...fromApp.values()]).toEqual([...fromJs.values()]);
					continue;
				}
				// native PostgreSQL: the app's tile is ST_AsMVT's
				expect(tiles.cutter).toBe('postgis');
				const fromPostgis = decode(byteaBytes(await port.call('map_tile', { ...address }, COMMAND)), layer);
				expect([...fromApp.keys()]).toEqual([...fromPostgis.keys()]);
				// the same features, with the same attributes
				const big = (m: Map<number, Decoded>) =>
					[...m.values()]
						.filter((f) => f.area > 64)
						.map((f) => f.id)
						.sort();
				// slivers a unit wide at the buffer's edge may fall either side of it
				expect(big(fromJs)).toEqual(big(fromPostgis));
				for (const f of fromPostgis.values()) {
					const other = fromJs.get(f.id);
					if (!other) continue;
					expect(other.props).toEqual(f.props);
					// outlines within a unit or so: the areas agree to 1% (plus a unit's sliver)
					expect(Math.abs(other.area - f.area)).toBeLessThanOrEqual(f.area * 0.01 + 64);
					compared++;
				}
			}
		}
		if (port.transport === 'postgres') expect(compared).toBeGreaterThan(20);
	}, 120_000);

	it('hold only what the caller may read', async () => {
		const tiles = new MapTiles(port);
		const [{ station }] = await t.db.query<{ station: number }>(
			'select v.station_id::int station from grids g join villages v on v.id = g.village_id group by 1 order by count(*) desc limit 1'
		);
		const head = claims({ app_role: 'station_head', station_id: station });
		for (const layer of ['grids', 'villages'] as const) {
			// a tile wide enough to hold several stations
			const address = await tileOfStation(station, 9, layer);
			const all = await served(tiles, address, COMMAND);
			const mine = await served(tiles, address, head);
			const stations = new Set([...all.values()].map((f) => f.props.station_id));
			expect(stations.size).toBeGreaterThan(1);
			expect(mine.size).toBeGreaterThan(0);
			expect(mine.size).toBeLessThan(all.size);
			for (const f of mine.values()) expect(f.props.station_id).toBe(station);
			// and every feature of the station in the command room's tile
			expect([...mine.keys()]).toEqual(
				[...all.values()].filter((f) => f.props.station_id === station).map((f) => f.id)
			);
		}
		// signed out: nothing (the functions are not theirs to call)
		// called one at a time: a refusal made before its await is an unhandled rejection
		for (const refused of [
			() => port.call('tile_features', { layer: 'grids' }, null),
			() => port.call('tile_version', { layer: 'grids' }, null),
			() => port.call('grid_states', {}, null)
		])
			await expect(refused()).rejects.toMatchObject({ code: '42501' });
	}, 120_000);

	it('are new after a write to grids or villages, whichever path made it', async () => {
		for (const table of ['grids', 'villages']) {
			await rolledBack(t.db, async (tx) => {
				const versions = async () => {
					await actAs(tx, { app_role: 'command' });
					const rows = await tx.query<{ v: number }>(
						"select public.tile_version('grids')::int v union all select public.tile_version('villages')::int"
					);
					await asOwner(tx);
					return rows.map((r) => r.v);
				};
				const before = await versions();
				// plain SQL, as in Supabase Studio; the bump waits for the commit (checks run now)
				await asOwner(tx);
				await tx.exec(
					`update ${table} set name = name || '·' where id in (select id from ${table} order by id limit 3)`
				);
				expect(await versions()).toEqual(before);
				await tx.exec('set constraints all immediate');
				// both layers move (a grid's tile carries its village's station), once per transaction
				const after = await versions();
				expect(after).toEqual(before.map((v) => v + 1));
				await tx.exec(
					`update ${table} set name = name || '·' where id in (select id from ${table} order by id limit 3)`
				);
				await tx.exec('set constraints all immediate');
				expect(await versions()).toEqual(after);
			});
		}
		// a statement that changes nothing moves nothing
		await rolledBack(t.db, async (tx) => {
			const [{ v }] = await tx.query<{ v: number }>("select public.tile_version('grids')::int v");
			await tx.exec('update grids set name = name where false');
			await tx.exec('set constraints all immediate');
			const [{ w }] = await tx.query<{ w: number }>("select public.tile_version('grids')::int w");
			expect(w).toBe(v);
		});

		// through the app: a renamed grid is in the next tile, cached or not
		const tiles = new MapTiles(port);
		const [grid] = await t.db.query<{ id: number; name: string; station: number }>(
			'select g.id::int, g.name, v.station_id::int station from grids g join villages v on v.id = g.village_id order by g.id limit 1'
		);
		const address = await tileOfStation(grid.station, 14, 'grids');
		const nameIn = async () => (await served(tiles, address, COMMAND)).get(grid.id)?.props.name;
		expect(await nameIn()).toBe(grid.name);
		const before = await tiles.tile(address, COMMAND);
		try {
			await t.db.query('update grids set name = $1 where id = $2', ['改名网格', grid.id]);
			expect(await nameIn()).toBe('改名网格');
			expect((await tiles.tile(address, COMMAND)).tag).not.toBe(before.tag);
		} finally {
			await t.db.query('update grids set name = $1 where id = $2', [grid.name, grid.id]);
		}
		expect(await nameIn()).toBe(grid.name);
	}, 120_000);

	it("come with each grid's officer and figures by id, as the grid layer has them", async () => {
		await rolledBack(t.db, async (tx) => {
			for (const caller of [{ app_role: 'command' }, { app_role: 'station_head', station_id: 1 }]) {
				await actAs(tx, caller);
				const [{ s }] = await tx.query<{ s: GridStates }>('select public.grid_states() s');
				const [{ g }] = await tx.query<{ g: GridCollection }>('select public.layer_grids() g');
				expect(s.id).toEqual(g.features.map((f) => f.properties.id));
				const names = new Map(s.officers.id.map((id, i) => [id, s.officers.name[i]]));
				g.features.forEach((f, i) => {
					const p = f.properties;
					expect([
						s.village_id[i],
						s.officer_id[i],
						s.households[i],
						s.incidents_30d[i],
						s.visited_share[i]
					]).toEqual([p.village_id, p.officer_id, p.households, p.incidents_30d, p.visited_share]);
					expect(p.officer_id === null ? null : names.get(p.officer_id)).toBe(p.officer);
				});
				// a comparison of something: assigned and unassigned grids, visited shares, incidents
				expect(s.officer_id.filter((o) => o === null).length).toBeGreaterThan(0);
				expect(s.officer_id.filter((o) => o !== null).length).toBeGreaterThan(0);
				expect(s.visited_share.filter((v) => v !== null).length).toBeGreaterThan(0);
				expect(s.incidents_30d.some((n) => n > 0)).toBe(true);
			}
		});
	}, 120_000);
});
