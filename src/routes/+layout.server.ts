import { readEnv } from '$lib/config/env';
import type { LayoutServerLoad } from './$types';

// The page needs only this from the server environment: which basemap to draw.
export const load: LayoutServerLoad = () => ({ basemapStyleUrl: readEnv().basemapStyleUrl });
