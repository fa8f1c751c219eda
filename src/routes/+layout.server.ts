import { readEnv } from '$lib/config/env';
import { ownBasemap } from '$lib/server/user-settings';
import type { LayoutServerLoad } from './$types';

// What every page needs from the server: who is signed in, and which basemap to draw.
export const load: LayoutServerLoad = async ({ locals }) => {
	const session = locals.session;
	const meta = session?.claims.app_metadata;
	return {
		basemapStyleUrl: readEnv().basemapStyleUrl,
		// the user's own basemap choice (settings page); null = the station default above
		basemap: await ownBasemap(locals.claims),
		user: session
			? {
					id: session.claims.sub ?? '',
					name: session.name,
					role: meta?.app_role ?? null,
					stationId: meta?.station_id ?? null
				}
			: null
	};
};
