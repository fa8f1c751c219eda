// The offline basemap's land: the city outlines of Zhejiang, written into the build as a static
// file (prerendered, precompressed), so the default map needs no tile server.
import land from '../../../../supabase/seed/zhejiang-cities.geojson?raw';
import type { RequestHandler } from './$types';

export const prerender = true;

export const GET: RequestHandler = () =>
	new Response(land, { headers: { 'content-type': 'application/geo+json' } });
