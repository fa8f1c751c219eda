import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 3000 },
	test: {
		projects: [
			{
				extends: true,
				test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' }
			},
			{
				// One embedded database per run, shared by every file: PGlite+PostGIS takes
				// seconds to start, so files run in one worker without isolation.
				extends: true,
				test: {
					name: 'db',
					include: ['tests/db/**/*.test.ts'],
					env: { DB_ENGINE: 'pglite' },
					isolate: false,
					maxWorkers: 1,
					fileParallelism: false,
					testTimeout: 60_000,
					hookTimeout: 600_000
				}
			},
			{
				extends: true,
				test: {
					name: 'db-pg',
					include: ['tests/db/**/*.test.ts'],
					env: { DB_ENGINE: 'postgres' },
					isolate: false,
					maxWorkers: 1,
					fileParallelism: false,
					testTimeout: 60_000,
					hookTimeout: 600_000
				}
			},
			{
				extends: true,
				test: {
					// two app processes on one PostgreSQL (DATABASE_URL), from the built app
					name: 'servers',
					include: ['tests/servers/**/*.test.ts'],
					fileParallelism: false,
					testTimeout: 60_000,
					hookTimeout: 600_000
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					globalSetup: ['tests/e2e/server.setup.ts'],
					maxWorkers: 1,
					fileParallelism: false,
					testTimeout: 120_000,
					hookTimeout: 600_000
				}
			}
		]
	}
});
