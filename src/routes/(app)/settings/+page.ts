import { getSummary } from '$lib/api/map-api';
import { getBasemapSettings } from '$lib/api/settings-api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
	const [settings, summary] = await Promise.all([
		getBasemapSettings(fetch),
		getSummary(fetch).catch(() => null)
	]);
	return { settings, bounds: summary?.bbox ?? null };
};
