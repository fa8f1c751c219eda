// Which roles use which page: the navigation offers a page only to them, and the server refuses
// the page to anyone else (a typed address or an old bookmark). The database still decides what
// each role may read and write.
import type { AppRole } from '$lib/types/domain';

export type PagePath =
	'/' | '/plan' | '/command' | '/campaigns' | '/grids' | '/settings' | '/admin/accounts' | '/admin/import';

export const PAGE_ROLES: Record<PagePath, readonly AppRole[] | 'all'> = {
	'/': 'all',
	'/plan': ['planner', 'command', 'station_head'],
	'/command': ['command', 'station_head', 'officer'],
	'/campaigns': 'all',
	'/grids': ['station_head', 'admin', 'planner'],
	'/settings': 'all',
	'/admin/accounts': ['admin'],
	'/admin/import': ['admin']
};

/** Whether `pathname` is the page of `path` or lies under it (a campaign under /campaigns). */
export function isUnder(path: PagePath, pathname: string): boolean {
	return path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`);
}

/** Whether a role may open the page at `pathname` (pages not listed are open to every role). */
export function pageAllows(pathname: string, role: AppRole | null): boolean {
	const path = (Object.keys(PAGE_ROLES) as PagePath[])
		.filter((p) => isUnder(p, pathname))
		.sort((a, b) => b.length - a.length)[0];
	const roles = path ? PAGE_ROLES[path] : 'all';
	return roles === 'all' || (role !== null && roles.includes(role));
}
