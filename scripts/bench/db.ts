// db.cold_start: from nothing to a seeded embedded database; db.reopen: an existing data
// directory to its first answered query (what every `npm start` after the first pays).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DemoScale } from '../../src/lib/types/domain.ts';
import { timing, type BenchResult } from './result.ts';

function runChild(mode: 'cold' | 'reopen', dir: string, scale: DemoScale): number {
	const out = execFileSync(
		process.execPath,
		['--import', 'tsx', 'scripts/bench/db-start.ts', mode, dir, scale],
		{
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit']
		}
	);
	return Number(out.trim());
}

export function benchColdStart(scale: DemoScale, runs: number): BenchResult {
	const samples: number[] = [];
	for (let i = 0; i < runs; i++) {
		const dir = mkdtempSync(join(tmpdir(), 'gpm-cold-'));
		try {
			samples.push(runChild('cold', dir, scale));
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}
	return timing('db.cold_start', scale, samples, {
		note: 'open + PostGIS install + migrations + generate + load demo'
	});
}

export function benchReopen(scale: DemoScale, dataDir: string, runs: number): BenchResult {
	const samples = Array.from({ length: runs }, () => runChild('reopen', dataDir, scale));
	return timing('db.reopen', scale, samples, { note: 'target ≤ 5000 ms' });
}
