// `npm run bench -- --scale county|city|province [--only PREFIX] [--runs N]`: generates or reuses
// the scale's demo data (.data/bench-<scale>) and prints one JSON document on stdout; progress
// goes to stderr. Figures are medians of repeated runs; compare within one run.
import { parseArgs } from 'node:util';
import { DEMO_SCALES, type DemoScale } from '../src/lib/types/domain.ts';
import { benchColdStart, benchReopen } from './bench/db.ts';
import { benchFirstRender } from './bench/map.ts';
import type { BenchResult } from './bench/result.ts';
import { launchChromium } from './chromium.ts';
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

if (wanted('db.cold_start') && scale === 'county') {
	log('db.cold_start …');
	results.push(benchColdStart(scale, Math.min(runs, 3)));
}

if (wanted('db.reopen') || wanted('map.')) {
	ensureBuilt();
	// serving once creates and seeds the scale's data directory when it does not exist yet
	log(`preparing ${dataDir} …`);
	const app = await serveApp({ dataDir, port: 3217, scale, quiet: true });
	try {
		if (wanted('map.')) {
			log('map.first_render …');
			const browser = await launchChromium();
			try {
				results.push(...(await benchFirstRender(browser, app.url, scale, runs)));
			} finally {
				await browser.close();
			}
		}
	} finally {
		await app.stop();
	}
	if (wanted('db.reopen')) {
		log('db.reopen …');
		results.push(benchReopen(scale, dataDir, runs));
	}
}

process.stdout.write(`${JSON.stringify({ scale, results }, null, 1)}\n`);
