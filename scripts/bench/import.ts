// import.<scale>: importing the scale's grids and households from GeoJSON files, as the import
// page does it — read the file, map and check every feature (the pure pre-validation), stage
// the features in chunks and commit in one transaction where SQL checks every rule again —
// into a scratch database holding only the places the files refer to (counties, townships,
// stations, villages). Input files are generated from the demo generator into a cache dir.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { generate } from '../demo/generate.ts';
import { insertDemoData } from '../seed/insert.ts';
import { readImportFile } from '../../src/lib/formats/read-file.ts';
import type { ImportKind } from '../../src/lib/import/kinds.ts';
import { prepareImport } from '../../src/lib/import/prepare.ts';
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
/** Features per import_stage call (the page sends ~384 kB per request; this is the same order). */
const CHUNK = 5000;

/** The scale's grids and households as GeoJSON files, generated once per scale into the cache. */
function inputFiles(scale: DemoScale, demo: () => DemoData, log: (l: string) => void) {
	const dir = join(tmpdir(), `gpm-import-bench-${scale}`);
	const grids = join(dir, 'grids.geojson');
	const households = join(dir, 'households.geojson');
	if (existsSync(grids) && existsSync(households)) return { grids, households };
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
	writeFileSync(
		households,
		fc(
			d.households.map((h) => ({
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
			}))
		)
	);
	return { grids, households };
}

async function importFile(db: SqlClient, kind: ImportKind, path: string) {
	const port = rpcPort(db);
	const t0 = performance.now();
	const parsed = await readImportFile(path, new Uint8Array(readFileSync(path)));
	const reference = await port.call<ImportReference>('import_reference', { kind }, ADMIN);
	const prepared = prepareImport(parsed, { kind, reference });
	if (prepared.validation.problems.length > 0)
		throw new Error(
			`${kind}: ${prepared.validation.problems.length} problems, first ${JSON.stringify(prepared.validation.problems[0])}`
		);
	const t1 = performance.now();
	const { batch } = await port.call<{ batch: string }>('import_begin', { kind, file_name: path }, ADMIN);
	for (let i = 0; i < prepared.features.length; i += CHUNK) {
		const chunk = prepared.features
			.slice(i, i + CHUNK)
			.map((f) => ({ type: 'Feature', geometry: f.geometry, properties: f.properties }));
		await port.call('import_stage', { batch, features: JSON.stringify(chunk) }, ADMIN);
	}
	const t2 = performance.now();
	const summary = await port.call<{ created: number }>('import_commit', { batch }, ADMIN);
	const t3 = performance.now();
	if (summary.created !== prepared.features.length)
		throw new Error(`${kind}: created ${summary.created} of ${prepared.features.length}`);
	return { count: prepared.features.length, read: t1 - t0, stage: t2 - t1, commit: t3 - t2, total: t3 - t0 };
}

/** Migrated, with the places the files refer to and nothing else. */
async function scratch(db: SqlClient, demo: DemoData) {
	await migrate(db);
	await insertDemoData(db, {
		...demo,
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
}

async function run(
	db: SqlClient,
	demo: DemoData,
	files: { grids: string; households: string },
	log: (l: string) => void
) {
	await scratch(db, demo);
	log('    grids …');
	const grids = await importFile(db, 'grids', files.grids);
	log(`    ${grids.count} grids in ${Math.round(grids.total)} ms; households …`);
	const households = await importFile(db, 'households', files.households);
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
	log('  embedded (PGlite, scratch database in memory) …');
	const db = await openPglite();
	let embedded;
	try {
		embedded = await run(db, demo(), files, log);
	} finally {
		await db.close();
	}
	let peer: BenchResult['peer'];
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
			peer = { name: 'postgres-native', value: Math.round((await run(native, demo(), files, log)).total) };
		} finally {
			await native.close();
			await admin.unsafe('drop database if exists gpm_import_bench with (force)');
			await admin.end();
		}
	}
	const part = (p: { read: number; stage: number; commit: number }) =>
		`read+check ${Math.round(p.read)} ms, stage ${Math.round(p.stage)} ms, commit ${Math.round(p.commit)} ms`;
	return [
		{
			name: `import.${scale}`,
			scale,
			value: Math.round(embedded.total),
			unit: 'ms',
			runs: 1,
			...(peer ? { peer } : {}),
			note: `${embedded.grids.count} grids (${part(embedded.grids)}) + ${embedded.households.count} households (${part(embedded.households)}); target ≤ 60 s embedded, ≤ 20 s native at city scale`
		}
	];
}
