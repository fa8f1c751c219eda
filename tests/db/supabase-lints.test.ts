// Supabase's Security and Performance Advisor lints (scripts/db/lint.ts restates the ones that
// read only the catalog) find nothing on a migrated database, bar the documented exceptions,
// each commented at its function: security-definer RPCs that signed-in staff call on purpose
// (lint 0029) and two one-line helpers that must stay inlinable (lint 0011).
import { beforeAll, describe, expect, it } from 'vitest';
import { lintDatabase, type Finding } from '../../scripts/db/lint.ts';
import { testDatabase } from './engine.ts';

let findings: Finding[];
beforeAll(async () => {
	findings = await lintDatabase((await testDatabase()).db);
});

describe('Supabase database lints', () => {
	it('find nothing', () => {
		expect(findings.filter((f) => !f.excepted).map((f) => `${f.level} ${f.lint} ${f.detail}`)).toEqual([]);
	});

	it('are excepted only where a function is commented as a deliberate 0011 or 0029', () => {
		const excepted = findings.filter((f) => f.excepted);
		const names = (lint: string) =>
			excepted.filter((f) => f.lint.startsWith(lint)).map((f) => f.detail.replace(/\(.*/, ''));
		expect(names('0011')).toEqual(['public.household_vulnerable', 'public.in_china_bounds']);
		// 25 staff RPCs that check the caller's claims, running_campaign_sizes (counts only),
		// readable_campaigns (campaign ids, called by the campaign policies) and campaign_members
		// (household ids of readable grids, called by the invoker campaign figures)
		expect(names('0029')).toHaveLength(28);
		expect(names('0029')).toEqual(
			expect.arrayContaining(['app.preview_grid_edits', 'app.commit_grid_edits', 'public.layer_grids_at'])
		);
		expect(names('0029')).toContain('app.running_campaign_sizes');
		expect(names('0029')).toContain('app.readable_campaigns');
		expect(names('0029')).toContain('app.campaign_members');
		expect(new Set(excepted.map((f) => f.lint))).toEqual(
			new Set([
				'0011_function_search_path_mutable',
				'0029_authenticated_security_definer_function_executable'
			])
		);
	});
});
