// Brings the configured database up to date and seeds the demo data on first start, so
// `npm start` on a fresh clone opens on a populated map. Safe to run every time.
import { readEnv } from '../src/lib/config/env.ts';
import { openSql } from '../src/lib/server/db/index.ts';
import { generate } from './demo/generate.ts';
import { insertDemoAccounts } from './seed/accounts.ts';
import { hasData, insertDemoData } from './seed/insert.ts';

export async function prepareDatabase(
	env = readEnv(),
	log: (line: string) => void = console.log
): Promise<void> {
	if (env.supabase) {
		log('Supabase configured: migrations are applied with `supabase db push`.');
		return;
	}
	const t0 = performance.now();
	const where = env.databaseUrl ? 'DATABASE_URL' : env.dataDir;
	log(`数据库 / database: ${where}`);
	const db = await openSql(env, log);
	try {
		if (await hasData(db)) {
			log(`  ready in ${Math.round(performance.now() - t0)} ms`);
			return;
		}
		log(`  first start: generating the ${env.demoScale} demo data (丽水市) …`);
		const data = generate({ scale: env.demoScale });
		await insertDemoData(db, data, (r) =>
			log(`  ${r.table.padEnd(18)} ${String(r.rows).padStart(8)} rows ${String(r.ms).padStart(7)} ms`)
		);
		const accounts = await insertDemoAccounts(db, data);
		log(`  demo accounts: ${accounts.map((a) => a.email).join(', ')}`);
		log(`  seeded in ${Math.round(performance.now() - t0)} ms`);
	} finally {
		await db.close();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	await prepareDatabase();
}
