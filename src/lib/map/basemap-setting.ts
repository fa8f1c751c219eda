// Which basemap a user draws under the data, and the form rules for it. Shared by the browser
// (the settings form says what is wrong before anything is sent) and the server (which checks
// again before the database, whose own checks are the last word).

export const BASEMAP_KINDS = ['offline', 'style', 'pmtiles', 'xyz_gcj02'] as const;
export type BasemapKind = (typeof BASEMAP_KINDS)[number];

export interface BasemapSetting {
	kind: BasemapKind;
	/** style JSON URL, PMTiles URL or XYZ template; an app path (`/…`) is on our own origin */
	url: string | null;
}

export type BasemapProblem = 'basemap_kind_invalid' | 'basemap_url_invalid' | 'basemap_template_invalid';

const URL_SHAPE = /^(https?:\/\/[^\s/]+|\/[^/\s])\S*$/;
const PLACEHOLDER = /\{([^}]*)\}/g;
const KNOWN_PLACEHOLDERS = new Set(['z', 'x', 'y', '-y']);

export function isBasemapKind(value: unknown): value is BasemapKind {
	return (BASEMAP_KINDS as readonly unknown[]).includes(value);
}

/** What is wrong with a setting, or null; the same rules as `save_basemap` in the database. */
export function basemapProblem(kind: unknown, url: unknown): BasemapProblem | null {
	if (!isBasemapKind(kind)) return 'basemap_kind_invalid';
	if (kind === 'offline') return null;
	if (typeof url !== 'string' || url.length > 2000 || !URL_SHAPE.test(url)) return 'basemap_url_invalid';
	if (kind === 'xyz_gcj02') {
		const names = [...url.matchAll(PLACEHOLDER)].map((m) => m[1]);
		const hasY = names.includes('y') || names.includes('-y');
		if (!names.includes('z') || !names.includes('x') || !hasY) return 'basemap_template_invalid';
		if (names.some((n) => !KNOWN_PLACEHOLDERS.has(n))) return 'basemap_template_invalid';
	}
	return null;
}

/** The user's own choice wins; else the station's BASEMAP_STYLE_URL; else the offline style. */
export function effectiveBasemap(own: BasemapSetting | null, stationStyleUrl: string | null): BasemapSetting {
	if (own) return own;
	return stationStyleUrl ? { kind: 'style', url: stationStyleUrl } : { kind: 'offline', url: null };
}

/**
 * An app path becomes a URL on our own origin (MapLibre needs absolute URLs); joined as text,
 * because URL() would percent-encode a template's {z}/{x}/{y}.
 */
export function absoluteUrl(url: string, origin: string): string {
	return url.startsWith('/') ? `${new URL(origin).origin}${url}` : url;
}
