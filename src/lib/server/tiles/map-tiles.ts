// The app's vector tiles, as the caller may see them. A tile is cut by PostGIS (ST_AsMVT) where
// the database has it, and by the JavaScript tiler on PGlite; either way the rows come from the
// database under the caller's claims, so row-level security decides what a tile holds.
//
// Tiles are kept per layer version (app.layer_versions, bumped by every write to villages or
// grids) and per scope (the claims row-level security reads), gzipped. Each request first asks
// the layer's version: one indexed row, so a change made through another app process on the same
// database is seen by the next tile either process serves.
import { gzipSync } from 'node:zlib';
import type { FeatureCollection } from 'geojson';
import type { Claims, DataPort } from '../db/port.ts';
import type { TileAddress, TiledLayer } from '../../types/tiles.ts';
import { JsTiler } from './js-tiler.ts';

export interface ServedTile {
	/** the tile, gzipped (an empty tile is empty) */
	gzip: Uint8Array;
	/** its bytes before gzip */
	size: number;
	/** names the layer version and scope the tile was cut for: the response's ETag */
	tag: string;
}

/** The claims row-level security reads for villages and grids: who sees the same tiles. */
export function scopeOf(claims: Claims): string {
	const m = claims.app_metadata ?? {};
	return [claims.role, m.app_role, m.station_id, m.county_id, m.officer_id].map((v) => v ?? '').join(':');
}

/** Bytes from a bytea as to_json gives it (`\x0a1b…`), as PostgREST also sends it. */
export function byteaBytes(value: unknown): Uint8Array {
	if (value === null || value === undefined) return new Uint8Array(0);
	if (typeof value !== 'string' || !value.startsWith('\\x')) throw new Error('map_tile: not a bytea');
	return new Uint8Array(Buffer.from(value.slice(2), 'hex'));
}

/** a kept tile's own cost beside its bytes and key: the Map entry and the object (measured order) */
const ENTRY_BYTES = 200;

export interface MapTilesOptions {
	/** gzipped bytes of tiles kept (least recently used go first) */
	maxBytes?: number;
	/** JavaScript tiler indexes kept (one per layer, scope and version) */
	maxIndexes?: number;
}

export class MapTiles {
	private readonly tiles = new Map<string, ServedTile>();
	private readonly cutting = new Map<string, Promise<ServedTile>>();
	private tileBytes = 0;
	private readonly indexes = new Map<string, { version: number; tiler: Promise<JsTiler> }>();
	private readonly maxBytes: number;
	private readonly maxIndexes: number;

	constructor(
		private readonly db: DataPort,
		{ maxBytes = 64 * 1024 * 1024, maxIndexes = 8 }: MapTilesOptions = {}
	) {
		this.maxBytes = maxBytes;
		this.maxIndexes = maxIndexes;
	}

	/** PGlite cuts in JavaScript; PostgreSQL and Supabase with ST_AsMVT. */
	get cutter(): 'javascript' | 'postgis' {
		return this.db.transport === 'pglite' ? 'javascript' : 'postgis';
	}

	async tile({ layer, z, x, y }: TileAddress, claims: Claims): Promise<ServedTile> {
		// the version first: a tile cut after a write is newer than its key, never older
		const version = Number(await this.db.call('tile_version', { layer }, claims));
		const scope = scopeOf(claims);
		const tag = `${layer}.${version}.${scope}`;
		const key = `${tag}/${z}/${x}/${y}`;
		const kept = this.tiles.get(key);
		if (kept) {
			// most recently used last
			this.tiles.delete(key);
			this.tiles.set(key, kept);
			return kept;
		}
		// the same tile asked for twice at once is cut once
		let cutting = this.cutting.get(key);
		if (!cutting) {
			cutting = this.cut({ layer, z, x, y }, scope, version, tag, claims).finally(() =>
				this.cutting.delete(key)
			);
			this.cutting.set(key, cutting);
		}
		const served = await cutting;
		if (!this.tiles.has(key)) this.keep(key, served);
		return served;
	}

	private async cut(
		{ layer, z, x, y }: TileAddress,
		scope: string,
		version: number,
		tag: string,
		claims: Claims
	): Promise<ServedTile> {
		const bytes =
			this.cutter === 'javascript'
				? (await this.index(layer, scope, version, claims)).tile(z, x, y)
				: byteaBytes(await this.db.call('map_tile', { layer, z, x, y }, claims));
		return { gzip: bytes.length ? gzipSync(bytes) : bytes, size: bytes.length, tag };
	}

	/** What a kept tile costs: its bytes, its key and the entry itself (an empty tile is not free). */
	private static cost(key: string, tile: ServedTile): number {
		return tile.gzip.length + 2 * key.length + ENTRY_BYTES;
	}

	private keep(key: string, tile: ServedTile): void {
		this.tiles.set(key, tile);
		this.tileBytes += MapTiles.cost(key, tile);
		for (const [k, t] of this.tiles) {
			if (this.tileBytes <= this.maxBytes) break;
			this.tiles.delete(k);
			this.tileBytes -= MapTiles.cost(k, t);
		}
	}

	/** The layer indexed for one scope and version; concurrent first tiles share one index. */
	private index(layer: TiledLayer, scope: string, version: number, claims: Claims): Promise<JsTiler> {
		const key = `${layer}.${scope}`;
		const kept = this.indexes.get(key);
		// a request that read the version before a write may arrive after the newer index: it
		// takes that one (newer than its key, never older) rather than reading the layer again;
		// an older index is replaced, not kept beside
		if (kept && kept.version >= version) {
			this.indexes.delete(key);
			this.indexes.set(key, kept);
			return kept.tiler;
		}
		const tiler = this.db
			.call<FeatureCollection>('tile_features', { layer }, claims)
			.then((features) => new JsTiler(layer, features));
		const entry = { version, tiler };
		// a failed read is not remembered: the next tile asks again
		tiler.catch(() => {
			if (this.indexes.get(key) === entry) this.indexes.delete(key);
		});
		this.indexes.delete(key);
		this.indexes.set(key, entry);
		for (const k of this.indexes.keys()) {
			if (this.indexes.size <= this.maxIndexes) break;
			this.indexes.delete(k);
		}
		return tiler;
	}
}

let tiles: MapTiles | null = null;

export function mapTiles(db: DataPort): MapTiles {
	tiles ??= new MapTiles(db);
	return tiles;
}
