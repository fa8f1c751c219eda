// Builds the app, seeds an embedded county database (kept in .data/e2e between runs) and serves
// it for the browser suite.
import type { TestProject } from 'vitest/node';
import { ensureBuilt, serveApp, type RunningApp } from '../../scripts/serve.ts';
import { removeMarkedIncidents } from '../../scripts/seed/marked-incidents.ts';
import { E2E_MARK } from './marks.ts';

const DATA_DIR = '.data/e2e';

let app: RunningApp | null = null;

export async function setup(project: TestProject): Promise<void> {
	// always rebuild: the suite must test the code as it is now
	ensureBuilt(true);
	app = await serveApp({ dataDir: DATA_DIR, port: Number(process.env.E2E_PORT ?? 3107) });
	project.provide('baseUrl', app.url);
}

export async function teardown(): Promise<void> {
	await app?.stop();
	// what the suite wrote and the app cannot undo (incidents), once the server has let go
	await removeMarkedIncidents(DATA_DIR, E2E_MARK);
}

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
	}
}
