// `npm start`: prepares the embedded database (seeding the demo on first start), builds the
// app when the sources changed since the last build, then serves it on PORT (default 3000).
import { spawn, spawnSync } from 'node:child_process';
import { constants } from 'node:os';
import { createInterface } from 'node:readline';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareDatabase } from './prepare-db.ts';
import { keepAliveEnv } from './keep-alive.ts';

const SOURCES = [
	'src',
	'static',
	'supabase/migrations',
	'svelte.config.js',
	'vite.config.ts',
	'package-lock.json'
];
const STAMP = 'build/.built';

function newestMtime(path: string): number {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

function buildIfStale(): void {
	const built = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
	if (built >= Math.max(...SOURCES.map(newestMtime))) return;
	console.log('构建 / building the app (about a minute) …');
	const t0 = performance.now();
	// the build's own chatter (chunk sizes, plugin timings) is shown only when it fails
	const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { encoding: 'utf8' });
	if (result.status !== 0) {
		process.stdout.write(result.stdout ?? '');
		process.stderr.write(result.stderr ?? '');
		process.exit(result.status ?? 1);
	}
	console.log(`  built in ${Math.round((performance.now() - t0) / 1000)} s`);
	writeFileSync(STAMP, new Date().toISOString());
}

await prepareDatabase();
buildIfStale();

const port = process.env.PORT ?? '3000';
const started = performance.now();
const host = process.env.HOST;
const probeHost = !host || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
const server = spawn(process.execPath, ['build/index.js'], {
	stdio: ['inherit', 'pipe', 'inherit'],
	env: {
		...process.env,
		...keepAliveEnv(process.env),
		PORT: port,
		BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT ?? '60M'
	}
});
// adapter-node says "Listening" when its socket opens, before the database is open and a page
// could answer: that line is held back, and ours is printed once the sign-in page answers.
createInterface({ input: server.stdout! }).on('line', (line) => {
	if (!/^Listening on /.test(line)) console.log(line);
});
void (async () => {
	for (;;) {
		const ok = await fetch(`http://${probeHost}:${port}/login`)
			.then((r) => r.ok)
			.catch(() => false);
		if (ok) break;
		if (server.exitCode !== null) return;
		await new Promise((r) => setTimeout(r, 200));
	}
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	console.log(`网格警务 → http://localhost:${port}  (ready in ${seconds} s)`);
})();

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const)
	process.on(signal, () => {
		stopping = true;
		server.kill(signal);
	});
// A server killed by a signal we did not send (the OOM killer) is a failure, so a supervisor
// restarts it (128 + the signal's number, as a shell reports it).
server.on('exit', (code, signal) =>
	process.exit(code ?? (stopping || !signal ? 0 : 128 + (constants.signals[signal] ?? 0)))
);
