// `npm run seed -- --scale county|city|province [--seed N] [--campaign-effect E] [--reset]`:
// generates the demo data and loads it into the configured database (DATABASE_URL, or the
// embedded one in DATA_DIR). E is the door-knock campaign's change in fraud, -1..0 (default
// -0.3; 0: none).
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readEnv } from '../src/lib/config/env.ts';
import { openSql } from '../src/lib/server/db/index.ts';
import { DEMO_SCALES, type DemoScale } from '../src/lib/types/domain.ts';
import { DEFAULT_CAMPAIGN_EFFECT, generate } from './demo/generate.ts';
import { insertDemoAccounts } from './seed/accounts.ts';
import { hasData, insertDemoData } from './seed/insert.ts';

const { values } = parseArgs({
	options: {
		scale: { type: 'string', default: 'county' },
		seed: { type: 'string', default: '1' },
		'campaign-effect': { type: 'string', default: String(DEFAULT_CAMPAIGN_EFFECT) },
		reset: { type: 'boolean', default: false }
	}
});
const scale = values.scale as DemoScale;
if (!DEMO_SCALES.includes(scale)) {
	console.error(`--scale must be one of ${DEMO_SCALES.join(', ')}`);
	process.exit(2);
}
const seed = Number(values.seed);
if (!Number.isSafeInteger(seed)) {
	console.error('--seed must be an integer');
	process.exit(2);
}
const campaignEffect = Number(values['campaign-effect']);
if (!(campaignEffect >= -1 && campaignEffect <= 0)) {
	console.error('--campaign-effect must be a number from -1 to 0');
	process.exit(2);
}

const env = readEnv();
if (values.reset && env.databaseUrl) {
	console.error('--reset only removes the embedded database; drop a Postgres database yourself.');
	process.exit(2);
}
if (values.reset) rmSync(env.dataDir, { recursive: true, force: true });
const db = await openSql(env);
try {
	if (await hasData(db)) {
		console.error('The database already holds data; use --reset (embedded) or an empty database.');
		process.exit(1);
	}
	let t0 = performance.now();
	const data = generate({ scale, seed, campaignEffect });
	console.log(
		`generated ${scale} (seed ${seed}, campaign effect ${campaignEffect}) in ${Math.round(performance.now() - t0)} ms`
	);
	t0 = performance.now();
	await insertDemoData(db, data, (r) =>
		console.log(`  ${r.table.padEnd(18)} ${String(r.rows).padStart(8)} rows ${String(r.ms).padStart(7)} ms`)
	);
	const accounts = await insertDemoAccounts(db, data);
	console.log(
		`loaded in ${Math.round(performance.now() - t0)} ms; demo accounts: ${accounts.map((a) => a.email).join(', ')}`
	);
} finally {
	await db.close();
}
