// The signed-in user's own settings, read through `my_settings` (row-level security: their row
// only). Today that is the basemap; null = the station default.
import { isBasemapKind, type BasemapSetting } from '../map/basemap-setting.ts';
import { dataPort } from './db/index.ts';
import type { Claims } from './db/port.ts';

interface SettingsRow {
	basemap: { kind: string; url: string | null } | null;
}

export async function ownBasemap(claims: Claims | null): Promise<BasemapSetting | null> {
	if (!claims) return null;
	const row = await (await dataPort()).call<SettingsRow>('my_settings', {}, claims);
	const b = row.basemap;
	return b && isBasemapKind(b.kind) ? { kind: b.kind, url: b.url } : null;
}
