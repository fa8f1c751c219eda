// `npm run bench -- --scale county|city|province [--only PREFIX] [--runs N]`: generates or reuses
// the scale's demo data (.data/bench-<scale>) and prints one JSON document on stdout; progress
// goes to stderr. Figures are medians of repeated runs; compare within one run.
import { parseArgs } from 'node:util';
import { DEMO_SCALES, type DemoScale } from '../src/lib/types/domain.ts';
import { readEnv } from '../src/lib/config/env.ts';
import { migrate } from '../src/lib/server/db/migrate.ts';
import { openPglite } from '../src/lib/server/db/pglite.ts';
import { openPostgres } from '../src/lib/server/db/postgres.ts';
import { benchAssignRoundtrip, benchSuggestAll } from './bench/assign.ts';
import { benchSecondStart, benchSessionCheck, benchSignIn } from './bench/auth.ts';
import { benchCampaigns } from './bench/campaigns.ts';
import { benchReplayFps } from './bench/replay.ts';
import { benchCommandKpis } from './bench/command.ts';
import { benchColdStart, benchReopen } from './bench/db.ts';
import { benchGaps, benchGapsCity } from './bench/gaps.ts';
import { benchGridSplit, benchRebalance, benchRederiveAll, benchRederiveMoves } from './bench/grids.ts';
import { benchExportConcurrentSummary } from './bench/export.ts';
import { benchOfflineReload } from './bench/field.ts';
import { benchImport } from './bench/import.ts';
import { benchFirstRender } from './bench/map.ts';
import { benchPanFps } from './bench/pan.ts';
import { benchTiles } from './bench/tiles.ts';
import { BENCH_MARK, benchLive } from './bench/live.ts';
import { benchBasemap, benchReportPng } from './bench/report.ts';
import { removeMarkedIncidents } from './seed/marked-incidents.ts';
import type { BenchResult } from './bench/result.ts';
import { launchChromium } from './chromium.ts';
import { prepareDatabase } from './prepare-db.ts';
import { ensureBuilt, serveApp } from './serve.ts';

const { values } = parseArgs({
	options: {
		scale: { type: 'string', default: 'county' },
		only: { type: 'string', default: '' },
		runs: { type: 'string', default: '5' }
	}
});
const scale = values.scale as DemoScale;
if (!DEMO_SCALES.includes(scale)) {
	console.error(`--scale must be one of ${DEMO_SCALES.join(', ')}`);
	process.exit(2);
}
const runs = Math.max(1, Number(values.runs) || 5);
const wanted = (name: string) => name.startsWith(values.only ?? '') || (values.only ?? '').startsWith(name);
const log = (line: string) => process.stderr.write(`${line}\n`);
const dataDir = `.data/bench-${scale}`;
const results: BenchResult[] = [];

async function withBrowser<T>(
	fn: (browser: Awaited<ReturnType<typeof launchChromium>>) => Promise<T>
): Promise<T> {
	const browser = await launchChromium();
	try {
		return await fn(browser);
	} finally {
		await browser.close();
	}
}

if (wanted('db.cold_start') && scale === 'county') {
	log('db.cold_start …');
	results.push(benchColdStart(scale, Math.min(runs, 3)));
}

if (
	wanted('db.reopen') ||
	wanted('map.') ||
	wanted('assign.') ||
	wanted('live.') ||
	wanted('report.') ||
	wanted('basemap.') ||
	wanted('export.') ||
	wanted('auth.signin') ||
	wanted('field.offline_reload') ||
	wanted('campaign.replay_fps') ||
	wanted('app.second_start')
) {
	ensureBuilt();
	// serving once creates and seeds the scale's data directory when it does not exist yet
	log(`preparing ${dataDir} …`);
	// BENCH_PORT lets two benches of different scales run side by side
	const app = await serveApp({ dataDir, port: Number(process.env.BENCH_PORT ?? 3217), scale, quiet: true });
	try {
		if (wanted('map.tile')) results.push(await benchTiles(app.url, scale, log));
		if (wanted('map.first_') || wanted('map.pan_fps') || wanted('assign.roundtrip') || wanted('live.')) {
			const browser = await launchChromium();
			try {
				if (wanted('map.pan_fps')) {
					log('map.pan_fps …');
					results.push(await benchPanFps(browser, app.url, scale, runs, log));
				}
				if (wanted('map.first_')) {
					log('map.first_render …');
					results.push(...(await benchFirstRender(browser, app.url, scale, runs)));
				}
				if (wanted('assign.roundtrip')) {
					log('assign.roundtrip …');
					results.push(await benchAssignRoundtrip(browser, app.url, scale, Math.max(runs, 10)));
				}
				if (wanted('live.')) results.push(...(await benchLive(browser, app.url, scale, runs, log)));
			} finally {
				await browser.close();
			}
		}
		if (wanted('field.offline_reload')) {
			log('field.offline_reload …');
			results.push(await withBrowser((b) => benchOfflineReload(b, app.url, scale, runs, log)));
		}
		if (wanted('campaign.replay_fps')) {
			log('campaign.replay_fps …');
			results.push(await withBrowser((b) => benchReplayFps(b, app.url, scale, runs, log)));
		}
		if (wanted('report.')) results.push(await withBrowser((b) => benchReportPng(b, app.url, scale, runs)));
		if (wanted('basemap.')) results.push(...(await benchBasemap(app.url, scale, runs)));
		if (wanted('auth.signin')) {
			log('auth.signin …');
			results.push(await benchSignIn(app.url, scale, Math.max(runs, 20)));
		}
		if (wanted('export.'))
			results.push(...(await benchExportConcurrentSummary(app.url, scale, Math.min(runs, 3), log)));
		if (wanted('assign.suggest_all')) {
			log('assign.suggest_all …');
			results.push(await benchSuggestAll(app.url, scale, runs));
		}
	} finally {
		await app.stop();
		if (wanted('live.')) await removeMarkedIncidents(dataDir, BENCH_MARK);
	}
	if (wanted('db.reopen')) {
		log('db.reopen …');
		results.push(benchReopen(scale, dataDir, runs));
	}
	if (wanted('app.second_start')) {
		log('app.second_start …');
		results.push(
			await benchSecondStart(dataDir, scale, Number(process.env.BENCH_PORT ?? 3217), Math.min(runs, 3))
		);
	}
}

/**
 * The scale's database: DATABASE_URL when set, else the scale's PGlite, generated if missing and
 * regenerated if an earlier baseline made it.
 */
async function scaleDatabase() {
	const url = process.env.DATABASE_URL;
	if (!url) {
		log(`preparing ${dataDir} …`);
		await prepareDatabase(
			readEnv({ ...process.env, DATA_DIR: dataDir, DEMO_SCALE: scale, DATABASE_URL: '', SUPABASE_URL: '' }),
			log
		);
	}
	const db = url ? await openPostgres(url) : await openPglite(dataDir);
	await migrate(db);
	return db;
}

if (wanted('gaps.')) {
	// the peer is PostGIS where the data lives: DATABASE_URL when set, else the scale's PGlite
	const db = await scaleDatabase();
	try {
		if (wanted('gaps.full') || wanted('gaps.incremental')) {
			log('gaps …');
			results.push(...(await benchGaps(scale, db, runs, log)));
		}
		// a province is analysed one city at a time (the planner's choice)
		if (wanted('gaps.city') && scale === 'province') results.push(await benchGapsCity(scale, db, runs, log));
	} finally {
		await db.close();
	}
}

if (wanted('campaign.')) {
	const db = await scaleDatabase();
	try {
		results.push(...(await benchCampaigns(scale, db, runs, log, wanted)));
	} finally {
		await db.close();
	}
}

if (wanted('auth.session_check')) {
	const db = await scaleDatabase();
	try {
		log('auth.session_check …');
		results.push(await benchSessionCheck(db, scale, Math.max(runs, 200)));
	} finally {
		await db.close();
	}
}

if (wanted('command.')) {
	const db = await scaleDatabase();
	try {
		log('command.kpis …');
		results.push(...(await benchCommandKpis(scale, db, Math.max(runs, 10))));
	} finally {
		await db.close();
	}
}

if (wanted('grids.')) {
	const db = await scaleDatabase();
	try {
		if (wanted('grids.split_commit')) {
			log('grids.split_commit …');
			results.push(await benchGridSplit(scale, db, Math.max(runs, 10)));
		}
		if (wanted('grids.rebalance')) {
			log('grids.rebalance …');
			results.push(await benchRebalance(scale, db, Math.max(runs, 5)));
		}
		if (wanted('grids.rederive_all')) {
			log('grids.rederive_all …');
			results.push(await benchRederiveAll(scale, db, Math.min(runs, 3)));
		}
		if (wanted('grids.rederive_moves')) {
			log('grids.rederive_moves …');
			results.push(await benchRederiveMoves(scale, db));
		}
	} finally {
		await db.close();
	}
}

if (wanted('import.')) results.push(...(await benchImport(scale, log)));

process.stdout.write(`${JSON.stringify({ scale, results }, null, 1)}\n`);
