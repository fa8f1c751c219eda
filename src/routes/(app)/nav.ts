// The pages in the app shell's navigation (README, Pages): a page a role cannot use is not
// offered to it (page-roles.ts says who uses what; the server refuses the rest).
import { isUnder, PAGE_ROLES, type PagePath } from './page-roles';
import type { AppRole } from '$lib/types/domain';
import type { MessageKey } from '$lib/i18n/translate';

export type NavPath = Exclude<PagePath, '/settings'>;

export interface NavLink {
	path: NavPath;
	label: MessageKey;
	testid: string;
}

const LINKS: NavLink[] = [
	{ path: '/', label: 'shell.nav_overview', testid: 'nav-overview' },
	{ path: '/plan', label: 'plan.nav_plan', testid: 'nav-plan' },
	{ path: '/command', label: 'command.link', testid: 'nav-command' },
	{ path: '/campaigns', label: 'campaign.nav', testid: 'nav-campaigns' },
	{ path: '/grids', label: 'gridedit.nav', testid: 'nav-grids' },
	{ path: '/admin/accounts', label: 'admin.nav', testid: 'nav-admin' },
	{ path: '/admin/import', label: 'import.nav', testid: 'nav-import' }
];

/** The links a role is offered, in bar order; no role (a session without one) gets the shared pages. */
export function navFor(role: AppRole | null): NavLink[] {
	return LINKS.filter((link) => {
		const roles = PAGE_ROLES[link.path];
		return roles === 'all' || (role !== null && roles.includes(role));
	});
}

/** Whether `pathname` is the page of `path` or lies under it (a campaign under /campaigns). */
export const isCurrent = (path: NavPath, pathname: string): boolean => isUnder(path, pathname);
