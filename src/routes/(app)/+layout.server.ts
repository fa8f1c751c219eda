import { error } from '@sveltejs/kit';
import { pageAllows } from './page-roles';
import type { LayoutServerLoad } from './$types';

// A page a role does not use is refused by the server too, not only left out of the navigation.
export const load: LayoutServerLoad = ({ locals, url }) => {
	const role = locals.claims?.app_metadata?.app_role ?? null;
	if (!pageAllows(url.pathname, role)) error(403, 'page_not_for_role');
	return {};
};
