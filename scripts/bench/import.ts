// import.<scale>: importing the scale's grids and households from GeoJSON files, as the import
// page does it — read the file, map and check every feature (the pure pre-validation), stage
// the features in chunks and commit in one transaction where SQL checks every rule again —
// into a scratch database (on disk, removed afterwards) holding only the places the files refer
// to (counties, townships, stations, villages). Input files are generated from the demo
// generator into a cache dir.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { generate } from '../demo/generate.ts';
import { insertDemoData } from '../seed/insert.ts';
import { IMPORT_CHUNK_BYTES } from '../../src/lib/features/import/protocol.ts';
import { readImportFile } from '../../src/lib/formats/read-file.ts';
import type { ImportKind } from '../../src/lib/import/kinds.ts';
import { prepareImport } from '../../src/lib/import/prepare.ts';
import { sendChunks } from '../../src/lib/import/staged-row.ts';
import type { ImportReference } from '../../src/lib/import/validate.ts';
import { migrate } from '../../src/lib/server/db/migrate.ts';
import { openPglite } from '../../src/lib/server/db/pglite.ts';
import { openPostgres } from '../../src/lib/server/db/postgres.ts';
import type { Claims } from '../../src/lib/server/db/port.ts';
import { rpcPort } from '../../src/lib/server/db/rpc.ts';
import type { SqlClient } from '../../src/lib/server/db/sql.ts';
import type { DemoData, DemoScale } from '../../src/lib/types/domain.ts';
import type { BenchResult } from './result.ts';

const ADMIN: Claims = {
	sub: '00000000-0000-4000-8000-00000000bec1',
	role: 'authenticated',
	app_metadata: { app_role: 'admin' }
};

/** Households per file: keeps each under the page's file limit (MAX_IMPORT_BYTES). */
const HOUSEHOLDS_PER_FILE = 150_000;

/**
 * The scale's grids and households as GeoJSON files, generated once per scale into the cache.
 * Households come in several files of at most HOUSEHOLDS_PER_FILE (a city's 900k are ~290 MB
 * of GeoJSON, over the 64 MB a browser tab is asked to read); they are staged into ONE batch
 * and committed in one transaction.
 */
function inputFiles(scale: DemoScale, demo: () => DemoData, log: (l: string) => void) {
	const dir = join(tmpdir(), `gpm-import-bench-${scale}`);
	const grids = join(dir, 'grids.geojson');
	const list = join(dir, 'households.json');
	if (existsSync(grids) && existsSync(list))
		return { grids, households: JSON.parse(readFileSync(list, 'utf8')) as string[] };
	log(`  writing input files to ${dir} …`);
	mkdirSync(dir, { recursive: true });
	const d = demo();
	const villageCode = new Map(d.villages.map((v) => [v.id, v.code]));
	const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
	writeFileSync(
		grids,
		fc(
			d.grids.map((g) => ({
				type: 'Feature',
				geometry: g.geom,
				properties: { code: g.code, name: g.name, village_code: villageCode.get(g.village_id) }
			}))
		)
	);
	const features = d.households.map((h) => ({
		type: 'Feature',
		geometry: h.geom,
		properties: {
			code: h.code,
			address: h.address,
			head_name: h.head_name,
			phone: h.phone,
			residents: h.residents,
			elderly_alone: h.elderly_alone,
			past_fraud_victim: h.past_fraud_victim,
			rental: h.rental
		}
	}));
	const households: string[] = [];
	for (let i = 0; i < features.length; i += HOUSEHOLDS_PER_FILE) {
		const path = join(dir, `households-${households.length + 1}.geojson`);
		writeFileSync(path, fc(features.slice(i, i + HOUSEHOLDS_PER_FILE)));
		households.push(path);
	}
	writeFileSync(list, JSON.stringify(households));
	return { grids, households };
}

/** Reads, checks and stages every file into one batch, then commits it (one transaction). */
async function importFiles(db: SqlClient, kind: ImportKind, paths: string[]) {
	const port = rpcPort(db);
	const t0 = performance.now();
	const reference = await port.call<ImportReference>('import_reference', { kind }, ADMIN);
	const { batch } = await port.call<{ batch: string }>('import_begin', { kind, file_name: paths[0] }, ADMIN);
	let read = 0;
	let count = 0;
	for (const path of paths) {
		const r0 = performance.now();
		const parsed = await readImportFile(path, new Uint8Array(readFileSync(path)));
		const prepared = prepareImport(parsed, { kind, reference });
		const { problems } = prepared.validation;
		if (problems.length > 0)
			throw new Error(`${kind}: ${problems.length} problems, first ${JSON.stringify(problems[0])}`);
		read += performance.now() - r0;
		// in the page's chunks, as its upload sends them
		await sendChunks(prepared.features, IMPORT_CHUNK_BYTES, async (chunk) => {
			await port.call('import_stage_rows', { batch, rows: chunk.body, start: count + chunk.start }, ADMIN);
		});
		count += prepared.features.length;
	}
	const t2 = performance.now();
	const summary = await port.call<{ created: number }>('import_commit', { batch }, ADMIN);
	const t3 = performance.now();
	if (summary.created !== count) throw new Error(`${kind}: created ${summary.created} of ${count}`);
	return { count, read, stage: t2 - t0 - read, commit: t3 - t2, total: t3 - t0 };
}

/** The demo's counties, townships, stations and villages, without the bulk. */
const placesOnly = (d: DemoData): DemoData => ({
	...d,
	grids: [],
	posts: [],
	officers: [],
	households: [],
	assignments: [],
	incidents: [],
	campaigns: [],
	campaign_blocks: [],
	campaign_visits: [],
	key_units: []
});

/** Migrated, with the places the files refer to and nothing else. */
async function scratch(db: SqlClient, places: DemoData) {
	await migrate(db);
	await insertDemoData(db, places);
}

async function run(
	db: SqlClient,
	demo: DemoData,
	files: { grids: string; households: string[] },
	log: (l: string) => void
) {
	await scratch(db, demo);
	log('    grids …');
	const grids = await importFiles(db, 'grids', [files.grids]);
	log(`    ${grids.count} grids in ${Math.round(grids.total)} ms; households …`);
	const households = await importFiles(db, 'households', files.households);
	log(`    ${households.count} households in ${Math.round(households.total)} ms`);
	return { grids, households, total: grids.total + households.total };
}

export async function benchImport(
	scale: DemoScale,
	log: (line: string) => void = () => {}
): Promise<BenchResult[]> {
	let cached: DemoData | null = null;
	const demo = () => (cached ??= generate({ scale, seed: 1 }));
	const files = inputFiles(scale, demo, log);
	// only the places the files refer to are kept: a city's generated households and incidents
	// held through the run would slow every garbage collection of the file reading measured here
	const places = placesOnly(demo());
	cached = null;
	// on disk, as `npm start` keeps it (in memory the whole database would sit in the WASM heap)
	const dataDir = join(tmpdir(), `gpm-import-bench-db-${process.pid}`);
	log(`  embedded (PGlite, scratch database in ${dataDir}) …`);
	const db = await openPglite(dataDir);
	let embedded;
	try {
		embedded = await run(db, places, files, log);
	} finally {
		await db.close();
		rmSync(dataDir, { recursive: true, force: true });
	}
	let peer: BenchResult['peer'];
	let peerNote = '';
	const part = (p: { read: number; stage: number; commit: number }) =>
		`read+check ${Math.round(p.read)} ms, stage ${Math.round(p.stage)} ms, commit ${Math.round(p.commit)} ms`;
	const url = process.env.DATABASE_URL;
	if (url) {
		log('  native PostgreSQL (scratch database gpm_import_bench) …');
		const admin = postgres(url, { max: 1, onnotice: () => {} });
		await admin.unsafe('drop database if exists gpm_import_bench with (force)');
		await admin.unsafe('create database gpm_import_bench');
		const target = new URL(url);
		target.pathname = '/gpm_import_bench';
		const native = await openPostgres(target.toString());
		try {
			const result = await run(native, places, files, log);
			peer = { name: 'postgres-native', value: Math.round(result.total) };
			peerNote = `; native: grids ${part(result.grids)}, households ${part(result.households)}`;
		} finally {
			await native.close();
			await admin.unsafe('drop database if exists gpm_import_bench with (force)');
			await admin.end();
		}
	}
	return [
		{
			name: `import.${scale}`,
			scale,
			value: Math.round(embedded.total),
			unit: 'ms',
			runs: 1,
			...(peer ? { peer } : {}),
			note: `${embedded.grids.count} grids (${part(embedded.grids)}) + ${embedded.households.count} households (${part(embedded.households)}; ${files.households.length} files, one batch)${peerNote}; target ≤ 60 s embedded, ≤ 20 s native at city scale`
		}
	];
}
