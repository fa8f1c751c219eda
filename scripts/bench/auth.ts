// auth.signin: POST /api/session for a demo account, as a user pays for it (scrypt at today's
// parameters, the throttle check, the session row). app.second_start: `npm start` on a data
// directory that already holds the demo, until the sign-in page answers.
import { spawn } from 'node:child_process';
import type { DemoScale } from '../../src/lib/types/domain.ts';
import { DEMO_PASSWORD } from '../../src/lib/server/auth/demo.ts';
import { endSessionById, sessionById, signIn } from '../../src/lib/server/auth/sign-in.ts';
import { rpcPort } from '../../src/lib/server/db/rpc.ts';
import type { SqlClient } from '../../src/lib/server/db/sql.ts';
import { timing, type BenchResult } from './result.ts';
import { median, quantile } from './stats.ts';

export async function benchSignIn(url: string, scale: DemoScale, runs: number): Promise<BenchResult> {
	const samples: number[] = [];
	for (let i = 0; i < runs; i++) {
		const started = performance.now();
		const res = await fetch(`${url}/api/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email: 'head@demo.local', password: DEMO_PASSWORD })
		});
		if (res.status !== 200) throw new Error(`auth.signin: sign-in answered ${res.status}`);
		samples.push(performance.now() - started);
		const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
		await fetch(`${url}/api/session`, { method: 'DELETE', headers: { cookie } });
	}
	return timing('auth.signin', scale, samples, { note: 'scrypt N=2^14 r=8 p=5; target p95 ≤ 300 ms' });
}

/** One `npm start` (scripts/start.ts) on an existing data directory, to its first answered page. */
async function startOnce(dataDir: string, port: number, limitMs = 120_000): Promise<number> {
	const started = performance.now();
	const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
		env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '', SUPABASE_URL: '' },
		stdio: 'ignore'
	});
	try {
		for (;;) {
			if (child.exitCode !== null) throw new Error(`app.second_start: npm start exited ${child.exitCode}`);
			const ok = await fetch(`http://127.0.0.1:${port}/login`)
				.then((r) => r.ok)
				.catch(() => false);
			if (ok) return performance.now() - started;
			if (performance.now() - started > limitMs)
				throw new Error(`app.second_start: no answer in ${limitMs} ms`);
			await new Promise((r) => setTimeout(r, 100));
		}
	} finally {
		await new Promise<void>((resolve) => {
			if (child.exitCode !== null) return resolve();
			child.once('exit', () => resolve());
			child.kill('SIGTERM');
		});
	}
}

export async function benchSecondStart(
	dataDir: string,
	scale: DemoScale,
	port: number,
	runs: number
): Promise<BenchResult> {
	// the first start after a change builds the app (and stamps the data directory): not counted
	await startOnce(dataDir, port, 600_000);
	const samples: number[] = [];
	for (let i = 0; i < runs; i++) samples.push(await startOnce(dataDir, port));
	return timing('app.second_start', scale, samples, { note: 'build up to date; target ≤ 10 000 ms' });
}

/**
 * auth.session_check: what every signed-in request pays to learn whether its session still stands
 * and what its claims are now (one primary-key read of app.sessions joined to the account).
 */
export async function benchSessionCheck(db: SqlClient, scale: DemoScale, runs: number): Promise<BenchResult> {
	const port = rpcPort(db);
	const result = await signIn(port, 'head@demo.local', DEMO_PASSWORD, null);
	if (!result.ok) throw new Error(`auth.session_check: sign-in failed (${result.error})`);
	const samples: number[] = [];
	for (let i = 0; i < runs; i++) {
		const started = performance.now();
		if (!(await sessionById(port, result.session.id))) throw new Error('auth.session_check: session lost');
		samples.push(performance.now() - started);
	}
	await endSessionById(port, result.session.id);
	return {
		...timing('auth.session_check', scale, samples),
		value: round(median(samples)),
		p95: round(quantile(samples, 0.95)),
		note: 'per request, embedded'
	};
}

const round = (ms: number) => Math.round(ms * 100) / 100;
