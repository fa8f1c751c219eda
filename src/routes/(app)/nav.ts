// The pages in the app shell's navigation and who uses them (README, Pages): a page a role
// cannot use is not offered to it. The server still decides what each role may read.
import type { AppRole } from '$lib/types/domain';
import type { MessageKey } from '$lib/i18n/translate';

export type NavPath =
	'/' | '/plan' | '/command' | '/campaigns' | '/grids' | '/admin/accounts' | '/admin/import';

export interface NavLink {
	path: NavPath;
	label: MessageKey;
	testid: string;
}

const PAGES: (NavLink & { roles: readonly AppRole[] | 'all' })[] = [
	{ path: '/', label: 'shell.nav_overview', testid: 'nav-overview', roles: 'all' },
	{
		path: '/plan',
		label: 'plan.nav_plan',
		testid: 'nav-plan',
		roles: ['planner', 'command', 'station_head']
	},
	{
		path: '/command',
		label: 'command.link',
		testid: 'nav-command',
		roles: ['command', 'station_head', 'officer']
	},
	{ path: '/campaigns', label: 'campaign.nav', testid: 'nav-campaigns', roles: 'all' },
	{ path: '/grids', label: 'gridedit.nav', testid: 'nav-grids', roles: ['station_head', 'admin', 'planner'] },
	{ path: '/admin/accounts', label: 'admin.nav', testid: 'nav-admin', roles: ['admin'] },
	{ path: '/admin/import', label: 'import.nav', testid: 'nav-import', roles: ['admin'] }
];

/** The links a role is offered, in bar order; no role (a session without one) gets the shared pages. */
export function navFor(role: AppRole | null): NavLink[] {
	return PAGES.filter((p) => p.roles === 'all' || (role !== null && p.roles.includes(role))).map(
		({ path, label, testid }) => ({ path, label, testid })
	);
}

/** Whether `pathname` is the page of `path` or lies under it (a campaign under /campaigns). */
export function isCurrent(path: NavPath, pathname: string): boolean {
	return path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`);
}
