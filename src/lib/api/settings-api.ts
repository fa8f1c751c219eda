// The user's own settings from the browser.
import type { BasemapSetting } from '$lib/map/basemap-setting';
import { requestJson, type Fetch } from './request.ts';

export interface BasemapSettings {
	/** the user's own choice; null = the station default */
	basemap: BasemapSetting | null;
	/** BASEMAP_STYLE_URL; null = the built-in offline style */
	stationDefault: string | null;
}

const PATH = '/api/settings/basemap';

export const getBasemapSettings = (f: Fetch) => requestJson<BasemapSettings>(f, PATH);
export const saveBasemap = (f: Fetch, setting: BasemapSetting) =>
	requestJson<BasemapSettings>(f, PATH, { method: 'POST', body: setting });
export const resetBasemap = (f: Fetch) => requestJson<BasemapSettings>(f, PATH, { method: 'DELETE' });
