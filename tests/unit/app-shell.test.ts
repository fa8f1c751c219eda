// The app shell: which pages each role is offered, which link is the current page, and that a
// page leaving the bar does not take the next page's content with it.
import { describe, expect, it } from 'vitest';
import { isCurrent, navFor } from '../../src/routes/(app)/nav.ts';
import { Shell } from '../../src/routes/(app)/shell.svelte.ts';

const paths = (role: Parameters<typeof navFor>[0]) => navFor(role).map((l) => l.path);

describe('navigation by role', () => {
	it('offers each role the pages it uses (README, Pages)', () => {
		expect(paths('command')).toEqual(['/', '/plan', '/command', '/campaigns']);
		expect(paths('station_head')).toEqual(['/', '/plan', '/command', '/campaigns', '/grids']);
		expect(paths('planner')).toEqual(['/', '/plan', '/campaigns', '/grids']);
		expect(paths('officer')).toEqual(['/', '/command', '/campaigns']);
		expect(paths('admin')).toEqual(['/', '/campaigns', '/grids', '/admin/accounts', '/admin/import']);
		expect(paths(null)).toEqual(['/', '/campaigns']);
	});

	it('keeps test ids stable', () => {
		expect(navFor('admin').map((l) => l.testid)).toEqual([
			'nav-overview',
			'nav-campaigns',
			'nav-grids',
			'nav-admin',
			'nav-import'
		]);
	});

	it('marks the page and the pages under it as current, the overview only itself', () => {
		expect(isCurrent('/', '/')).toBe(true);
		expect(isCurrent('/', '/plan')).toBe(false);
		expect(isCurrent('/campaigns', '/campaigns/12/record')).toBe(true);
		expect(isCurrent('/command', '/commander')).toBe(false);
	});
});

describe('shell content', () => {
	it('shows what the page gives and follows its getter', () => {
		const shell = new Shell();
		expect(shell.content).toBeNull();
		let title = '总览';
		shell.show(() => ({ title }));
		expect(shell.content?.title).toBe('总览');
		title = 'Overview';
		expect(shell.content?.title).toBe('Overview');
	});

	it("leaves the next page's content when the last page is torn down after it showed", () => {
		const shell = new Shell();
		const clearOld = shell.show(() => ({ title: 'old' }));
		const clearNew = shell.show(() => ({ title: 'new' }));
		clearOld();
		expect(shell.content?.title).toBe('new');
		clearNew();
		expect(shell.content).toBeNull();
	});
});
