// Child process for db.cold_start / db.reopen: a fresh Node process each time, so no module or
// WASM cache survives between runs. Prints the milliseconds to a first answered query.
import { generate } from '../demo/generate.ts';
import { hasData, insertDemoData } from '../seed/insert.ts';
import { migrate } from '../../src/lib/server/db/migrate.ts';
import { openPglite } from '../../src/lib/server/db/pglite.ts';
import type { DemoScale } from '../../src/lib/types/domain.ts';

const [mode, dataDir, scale] = process.argv.slice(2) as ['cold' | 'reopen', string, DemoScale];
const t0 = performance.now();
const db = await openPglite(dataDir);
await migrate(db);
if (mode === 'cold') await insertDemoData(db, generate({ scale }));
if (!(await hasData(db))) throw new Error('database is empty after start');
const ms = performance.now() - t0;
await db.close();
process.stdout.write(`${ms}\n`);
