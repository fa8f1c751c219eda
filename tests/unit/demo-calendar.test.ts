// The demo's default anchor is never ahead of the clock and never far behind it: anchored to the
// latest 08:00 in China, data generated before 08:00 ended the morning before, and the last 24
// hours (the ticker, today's figures) were nearly empty until 08:00.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoAnchor } from '../../scripts/demo/calendar.ts';
import { generate } from '../../scripts/demo/generate.ts';

describe('the demo anchor', () => {
	it('is the top of the hour, at any time of day in China', () => {
		// 00:12, 07:59, 08:00 and 23:30 on 6 December in China
		expect(demoAnchor(new Date('2026-12-05T16:12:00Z')).toISOString()).toBe('2026-12-05T16:00:00.000Z');
		expect(demoAnchor(new Date('2026-12-05T23:59:59Z')).toISOString()).toBe('2026-12-05T23:00:00.000Z');
		expect(demoAnchor(new Date('2026-12-06T00:00:00Z')).toISOString()).toBe('2026-12-06T00:00:00.000Z');
		expect(demoAnchor(new Date('2026-12-06T15:30:00Z')).toISOString()).toBe('2026-12-06T15:00:00.000Z');
	});

	it('puts no incident after the moment the demo is generated, and a full last day before it', () => {
		const at = Date.now();
		const demo = generate({ scale: 'county', seed: 1 });
		const times = demo.incidents.map((i) => Date.parse(i.occurred_at));
		expect(Math.max(...times)).toBeLessThanOrEqual(at);
		// about 60 a day in the county: the last 24 hours are not the gap they were before 08:00
		expect(times.filter((t) => t > at - 86_400_000).length).toBeGreaterThan(30);
	});

	afterEach(() => vi.useRealTimers());

	it('fills the last day when generated at 07:59 in China as at 08:01', () => {
		for (const now of ['2026-12-05T23:59:00Z', '2026-12-06T00:01:00Z']) {
			vi.useFakeTimers({ toFake: ['Date'] });
			vi.setSystemTime(new Date(now));
			const demo = generate({ scale: 'county', seed: 1 });
			const at = Date.parse(now);
			const lastDay = demo.incidents.filter((i) => Date.parse(i.occurred_at) > at - 86_400_000);
			expect(lastDay.length, now).toBeGreaterThan(30);
			expect(Date.parse(demo.now)).toBeLessThanOrEqual(at);
		}
	});
});
