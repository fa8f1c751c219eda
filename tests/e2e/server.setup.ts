// Builds the app, seeds an embedded county database (kept in .data/e2e between runs) and serves
// it for the browser suite.
import type { TestProject } from 'vitest/node';
import { ensureBuilt, serveApp, type RunningApp } from '../../scripts/serve.ts';

let app: RunningApp | null = null;

export async function setup(project: TestProject): Promise<void> {
	// always rebuild: the suite must test the code as it is now
	ensureBuilt(true);
	app = await serveApp({ dataDir: '.data/e2e', port: Number(process.env.E2E_PORT ?? 3107) });
	project.provide('baseUrl', app.url);
}

export async function teardown(): Promise<void> {
	await app?.stop();
}

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
	}
}
