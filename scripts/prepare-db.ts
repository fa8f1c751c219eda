// Brings the configured database up to date and seeds the demo data on first start, so
// `npm start` on a fresh clone opens on a populated map. Safe to run every time.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readEnv } from '../src/lib/config/env.ts';

/** Written beside the embedded database once it holds data: later starts open it only once. */
export function seededStamp(dataDir: string): string {
	return `${dataDir.replace(/\/+$/, '')}.seeded`;
}

export async function prepareDatabase(
	env = readEnv(),
	log: (line: string) => void = console.log
): Promise<void> {
	if (env.supabase) {
		log('Supabase configured: migrations are applied with `supabase db push`.');
		return;
	}
	// An embedded database seeded before is opened (and migrated) by the server itself: opening
	// it here first would load PostGIS twice and double the start.
	const stamp = seededStamp(env.dataDir);
	if (!env.databaseUrl && existsSync(stamp) && existsSync(join(env.dataDir, 'PG_VERSION'))) {
		log(`数据库 / database: ${env.dataDir}`);
		return;
	}
	const t0 = performance.now();
	// loaded here, not at the top: a start that skips this step does not pay for compiling them
	const [{ openSql }, { generate }, { insertDemoAccounts }, { hasData, insertDemoData }] = await Promise.all([
		import('../src/lib/server/db/index.ts'),
		import('./demo/generate.ts'),
		import('./seed/accounts.ts'),
		import('./seed/insert.ts')
	]);
	const where = env.databaseUrl ? 'DATABASE_URL' : env.dataDir;
	log(`数据库 / database: ${where}`);
	const db = await openSql(env, log);
	try {
		if (await hasData(db)) {
			if (!env.databaseUrl) writeFileSync(stamp, new Date().toISOString());
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
		if (!env.databaseUrl) writeFileSync(stamp, new Date().toISOString());
		log(`  seeded in ${Math.round(performance.now() - t0)} ms`);
	} finally {
		await db.close();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	await prepareDatabase();
}
