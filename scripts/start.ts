// `npm start`: prepares the embedded database (seeding the demo on first start), builds the
// app when the sources changed since the last build, then serves it on PORT (default 3000).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareDatabase } from './prepare-db.ts';

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
	console.log('构建 / building the app …');
	const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
	writeFileSync(STAMP, new Date().toISOString());
}

await prepareDatabase();
buildIfStale();

const port = process.env.PORT ?? '3000';
const server = spawn(process.execPath, ['build/index.js'], {
	stdio: 'inherit',
	env: { ...process.env, PORT: port, BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT ?? '60M' }
});
console.log(`网格警务 → http://localhost:${port}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
