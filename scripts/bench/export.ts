// export.concurrent_summary: how long a signed-in /api/summary takes while the county's
// households download as XLSX (signed in as the command room, which reads the whole county);
// the summary is asked again 50 ms after each answer for as long as the export runs.
// export.county_xlsx: that download, request to last byte, under that load.
import { DEMO_PASSWORD } from '../../src/lib/server/auth/demo.ts';
import type { DemoScale } from '../../src/lib/types/domain.ts';
import { timing, type BenchResult } from './result.ts';

const EXPORT_PATH = '/api/export/households?format=xlsx';

async function signedIn(url: string, email: string): Promise<string> {
	const res = await fetch(`${url}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: url },
		body: JSON.stringify({ email, password: DEMO_PASSWORD })
	});
	if (!res.ok) throw new Error(`sign-in as ${email} failed: ${res.status}`);
	return res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
}

export async function benchExportConcurrentSummary(
	url: string,
	scale: DemoScale,
	runs: number,
	log: (line: string) => void
): Promise<BenchResult[]> {
	const cookie = await signedIn(url, 'command@demo.local');
	const get = async (path: string): Promise<{ status: number; bytes: number }> => {
		const res = await fetch(`${url}${path}`, { headers: { cookie, 'accept-encoding': 'gzip' } });
		return { status: res.status, bytes: (await res.arrayBuffer()).byteLength };
	};
	// a server that has run a while: the summary's and the export's plans are warm
	for (let i = 0; i < 3; i++) await get('/api/summary');
	await get('/api/export/households?format=xlsx&village=1');

	const summaries: number[] = [];
	const exports: number[] = [];
	let size = 0;
	for (let run = 0; run < runs; run++) {
		log(`export.concurrent_summary … run ${run + 1}/${runs}`);
		const t0 = performance.now();
		let running = true;
		const exporting = get(EXPORT_PATH).finally(() => (running = false));
		while (running) {
			const t = performance.now();
			const { status } = await get('/api/summary');
			if (status !== 200) throw new Error(`/api/summary answered ${status} during the export`);
			summaries.push(performance.now() - t);
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		const { status, bytes } = await exporting;
		if (status !== 200) throw new Error(`${EXPORT_PATH} answered ${status}`);
		exports.push(performance.now() - t0);
		size = bytes;
	}
	return [
		timing('export.concurrent_summary', scale, summaries, {
			note: `signed-in /api/summary (command room) while the households export as XLSX; ${summaries.length} requests over ${runs} exports; target p95 ≤ 200 ms`
		}),
		timing('export.county_xlsx', scale, exports, {
			note: `the households as XLSX (${size} bytes), request to last byte, with the summaries above`
		})
	];
}
