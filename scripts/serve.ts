// Starts the built app on a given embedded data directory (or a PostgreSQL database) and port,
// for the e2e suite, the two-server suite and the benchmark: builds when needed, seeds when
// empty, resolves once the server answers.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readEnv } from '../src/lib/config/env.ts';
import type { DemoScale } from '../src/lib/types/domain.ts';
import { prepareDatabase } from './prepare-db.ts';
import { keepAliveEnv } from './keep-alive.ts';

export interface RunningApp {
	url: string;
	process: ChildProcess;
	stop(): Promise<void>;
}

export function ensureBuilt(force = false): void {
	if (!force && existsSync('build/index.js')) return;
	// the build's own output goes to stderr: the bench's stdout carries only its JSON document
	const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: ['ignore', 2, 2] });
	if (result.status !== 0) throw new Error('vite build failed');
}

async function waitFor(url: string, timeoutMs: number, child: ChildProcess): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
		try {
			const res = await fetch(url);
			if (res.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`server did not answer ${url} within ${timeoutMs} ms`);
}

export async function serveApp(opts: {
	dataDir: string;
	port: number;
	scale?: DemoScale;
	quiet?: boolean;
	/** a PostgreSQL database instead of the embedded one (two processes may share it) */
	databaseUrl?: string;
	/** more of the server's environment (SESSION_SECRET shared by processes behind one balancer) */
	env?: Record<string, string>;
}): Promise<RunningApp> {
	const env: Record<string, string | undefined> = {
		...process.env,
		...keepAliveEnv(process.env),
		DATA_DIR: opts.dataDir,
		DEMO_SCALE: opts.scale ?? 'county',
		PORT: String(opts.port),
		...opts.env
	};
	delete env.DATABASE_URL;
	delete env.SUPABASE_URL;
	if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
	await prepareDatabase(readEnv(env), opts.quiet ? () => {} : console.log);
	const child = spawn(process.execPath, ['build/index.js'], {
		env,
		stdio: opts.quiet ? 'ignore' : 'inherit'
	});
	const url = `http://127.0.0.1:${opts.port}`;
	// the sign-in page answers anonymous requests once the database is open
	await waitFor(`${url}/login`, 120_000, child);
	return {
		url,
		process: child,
		stop: () =>
			new Promise((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			})
	};
}
