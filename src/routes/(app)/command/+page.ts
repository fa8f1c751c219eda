import { getCommandRoom } from '$lib/api/incident-api';
import { getLayers } from '$lib/api/map-api';
import { loadIconAtlas } from '$lib/features/policing/icon-atlas';
import type { PageLoad } from './$types';

// Promises: the wall shows its frame at once and fills in as data arrives.
export const load: PageLoad = ({ fetch }) => ({
	layers: getLayers(fetch, [
		'counties',
		'townships',
		'villages',
		'stations',
		'posts',
		'officers',
		'incidents'
	] as const),
	room: getCommandRoom(fetch),
	icons: loadIconAtlas()
});
