// campaign.replay_fps: the campaign page's 逐日回放 played at its fastest speed (10 days a
// second), frames the browser drew per second while it played, as the command room's account.
// Each run plays the whole campaign from its first day; the value is the median of the runs.
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/lib/server/auth/demo.ts';
import type { DemoScale } from '../../src/lib/types/domain.ts';
import type { BenchResult } from './result.ts';
import { median } from './stats.ts';

export async function benchReplayFps(
	browser: Browser,
	url: string,
	scale: DemoScale,
	runs: number,
	log: (line: string) => void
): Promise<BenchResult> {
	const context = await browser.newContext({ viewport: { width: 1366, height: 800 } });
	try {
		await context.request.post(`${url}/api/session`, {
			data: { email: 'command@demo.local', password: DEMO_PASSWORD }
		});
		const campaigns = (await (await context.request.get(`${url}/api/campaigns`)).json()) as {
			id: number;
			households: number;
		}[];
		const campaign = campaigns.sort((a, b) => b.households - a.households)[0];
		if (!campaign) throw new Error('campaign.replay_fps: no campaign');
		const page = await context.newPage();
		await page.goto(`${url}/campaigns/${campaign.id}`);
		await page.getByTestId('fill-replay').click();
		await page.getByTestId('replay-date').waitFor({ timeout: 120_000 });
		await page.getByTestId('replay-speed').selectOption('10');
		const doors = await page
			.getByTestId('replay')
			.locator('[data-count]')
			.evaluateAll((els) => els.reduce((a, e) => a + Number(e.getAttribute('data-count')), 0));
		// tsx compiles the function below with esbuild's keepNames, whose __name helper the page lacks
		await page.evaluate('globalThis.__name ??= (f) => f');
		const samples: number[] = [];
		const days: number[] = [];
		for (let i = 0; i < runs; i++) {
			// from the last day, play starts again on the first and stops on the last
			const run = page.evaluate(
				() =>
					new Promise<{ fps: number; days: number }>((resolve) => {
						const root = document.querySelector<HTMLElement>('[data-testid=replay]')!;
						const button = document.querySelector<HTMLButtonElement>('[data-testid=replay-play]')!;
						const slider = document.querySelector<HTMLInputElement>('[data-testid=replay-day]')!;
						let frames = 0;
						let started = 0;
						const seen = new Set<string>();
						const frame = (t: number) => {
							if (!started) started = t;
							frames++;
							seen.add(slider.value);
							if (root.dataset.playing === 'true' || frames < 3) requestAnimationFrame(frame);
							else resolve({ fps: (frames * 1000) / (t - started), days: seen.size });
						};
						requestAnimationFrame(frame);
						button.click();
					})
			);
			const r = await run;
			samples.push(r.fps);
			days.push(r.days);
		}
		log(
			`campaign.replay_fps: ${doors} doors, ${samples.map((f) => f.toFixed(1)).join(', ')} fps, days drawn ${days.join(', ')}`
		);
		return {
			name: 'campaign.replay_fps',
			scale,
			value: Math.round(median(samples) * 10) / 10,
			unit: 'fps',
			note: `${doors} doors, the whole campaign at 10 days/s in Chromium (SwiftShader); target ≥ 20 at city`
		};
	} finally {
		await context.close();
	}
}
