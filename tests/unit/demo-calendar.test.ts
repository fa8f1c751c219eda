// The demo's default anchor is never ahead of the clock: generated between midnight and 08:00
// China time, today's 08:00 put incidents (open ones among them) hours in the future.
import { describe, expect, it } from 'vitest';
import { chinaMorning } from '../../scripts/demo/calendar.ts';
import { generate } from '../../scripts/demo/generate.ts';

describe('the demo anchor', () => {
	it('is today’s 08:00 from 08:00 on, and yesterday’s before it', () => {
		// 00:12 and 07:59 on 6 December in China
		expect(chinaMorning(new Date('2026-12-05T16:12:00Z')).toISOString()).toBe('2026-12-05T00:00:00.000Z');
		expect(chinaMorning(new Date('2026-12-05T23:59:00Z')).toISOString()).toBe('2026-12-05T00:00:00.000Z');
		// 08:00 and 23:30 on 6 December in China
		expect(chinaMorning(new Date('2026-12-06T00:00:00Z')).toISOString()).toBe('2026-12-06T00:00:00.000Z');
		expect(chinaMorning(new Date('2026-12-06T15:30:00Z')).toISOString()).toBe('2026-12-06T00:00:00.000Z');
	});

	it('puts no incident after the moment the demo is generated', () => {
		const at = Date.now();
		const demo = generate({ scale: 'county', seed: 1 });
		const latest = Math.max(...demo.incidents.map((i) => Date.parse(i.occurred_at)));
		expect(latest).toBeLessThanOrEqual(at);
		expect(latest).toBeGreaterThan(at - 2 * 86_400_000);
	});
});
