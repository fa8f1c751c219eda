// The content security policy keeps every page to our own origin (police networks are
// offline). A basemap the user or the station configured is the one exception: its origin is
// added to connect-src and img-src of the pages that draw it. The settings page, where a user
// tries addresses before saving one, may reach any http(s) address, and only when asked to.
import { readEnv } from '../config/env.ts';
import { absoluteUrl, effectiveBasemap } from '../map/basemap-setting.ts';
import type { Claims } from './db/port.ts';
import { ownBasemap } from './user-settings.ts';

const WIDENED = ['connect-src', 'img-src'];

/** The CSP with `sources` added to the directives basemaps need. */
export function widenPolicy(policy: string, sources: string[]): string {
	if (!sources.length) return policy;
	return policy
		.split(';')
		.map((d) => {
			const name = d.trim().split(/\s+/)[0];
			return WIDENED.includes(name) ? `${d.trimEnd()} ${sources.join(' ')}` : d;
		})
		.join(';');
}

/** Origins the caller's basemap loads from; empty for the offline style and app paths. */
export async function basemapSources(path: string, claims: Claims | null, origin: string): Promise<string[]> {
	if (!claims) return [];
	if (path === '/settings' || path.startsWith('/settings/')) return ['http:', 'https:'];
	const setting = effectiveBasemap(await ownBasemap(claims), readEnv().basemapStyleUrl);
	if (!setting.url) return [];
	const host = new URL(absoluteUrl(setting.url.replace(/\{[^}]*\}/g, '0'), origin)).origin;
	return host === origin ? [] : [host];
}

export async function withBasemapPolicy(
	response: Response,
	path: string,
	claims: Claims | null,
	origin: string
): Promise<Response> {
	const policy = response.headers.get('content-security-policy');
	if (!policy || !response.headers.get('content-type')?.startsWith('text/html')) return response;
	// without the setting the page still opens, on the offline basemap's policy
	const sources = await basemapSources(path, claims, origin).catch((e: unknown) => {
		console.error('basemap setting unreadable', e);
		return [];
	});
	if (!sources.length) return response;
	const headers = new Headers(response.headers);
	headers.set('content-security-policy', widenPolicy(policy, sources));
	return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
