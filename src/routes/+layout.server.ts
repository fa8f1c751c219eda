import { readEnv } from '$lib/config/env';
import type { LayoutServerLoad } from './$types';

// What every page needs from the server: who is signed in, and which basemap to draw.
export const load: LayoutServerLoad = ({ locals }) => {
	const session = locals.session;
	const meta = session?.claims.app_metadata;
	return {
		basemapStyleUrl: readEnv().basemapStyleUrl,
		user: session
			? { name: session.name, role: meta?.app_role ?? null, stationId: meta?.station_id ?? null }
			: null
	};
};
