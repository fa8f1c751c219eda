import { describe, expect, it } from 'vitest';
import { pageAllows } from '../../src/routes/(app)/page-roles.ts';
import { navFor } from '../../src/routes/(app)/nav.ts';

describe('who may open which page', () => {
	it('refuses pages a role does not use, sub-pages included', () => {
		expect(pageAllows('/admin/accounts', 'station_head')).toBe(false);
		expect(pageAllows('/admin/import/', 'command')).toBe(false);
		expect(pageAllows('/grids', 'command')).toBe(false);
		expect(pageAllows('/grids', 'officer')).toBe(false);
		expect(pageAllows('/plan', 'officer')).toBe(false);
		expect(pageAllows('/command', 'planner')).toBe(false);
		expect(pageAllows('/admin/accounts', null)).toBe(false);
	});

	it('opens the shared pages to everyone and the rest to their roles', () => {
		expect(pageAllows('/', 'officer')).toBe(true);
		expect(pageAllows('/campaigns/3/record', 'officer')).toBe(true);
		expect(pageAllows('/grids', 'planner')).toBe(true);
		expect(pageAllows('/admin/accounts', 'admin')).toBe(true);
		expect(pageAllows('/settings', 'command')).toBe(true);
	});

	it('offers in the bar exactly the pages the server lets the role open', () => {
		for (const role of ['command', 'station_head', 'planner', 'officer', 'admin'] as const) {
			const offered = navFor(role).map((l) => l.path);
			expect(offered.length).toBeGreaterThan(1);
			for (const path of offered) expect(pageAllows(path, role), `${role} ${path}`).toBe(true);
			for (const path of ['/plan', '/command', '/grids', '/admin/accounts', '/admin/import'])
				if (!offered.includes(path as never)) expect(pageAllows(path, role), `${role} ${path}`).toBe(false);
		}
	});
});
