// Server configuration from the environment, validated once. Nothing here is required: with no
// variables set the app runs on the embedded database with the offline basemap.

export interface AppEnv {
	/** embedded PGlite data directory */
	dataDir: string;
	/** any Postgres+PostGIS; wins over the embedded database */
	databaseUrl: string | null;
	/** Supabase project; wins over both */
	supabase: { url: string; anonKey: string } | null;
	/** a MapLibre style URL on the police network; null = the built-in offline style */
	basemapStyleUrl: string | null;
	/** where the PMTiles archives served at /api/basemap-files/<name> live; null = beside dataDir */
	basemapDir: string | null;
	demoScale: DemoScale;
}

export class EnvError extends Error {}

function url(name: string, value: string | undefined): string | null {
	if (!value) return null;
	try {
		return new URL(value).toString();
	} catch {
		throw new EnvError(`${name} is not a URL: ${value}`);
	}
}

// as types/domain's DEMO_SCALES (config imports no app code; the seeder's types check the two agree)
const DEMO_SCALES = ['county', 'city', 'region', 'province'] as const;
type DemoScale = (typeof DEMO_SCALES)[number];
const isDemoScale = (s: string): s is DemoScale => (DEMO_SCALES as readonly string[]).includes(s);

export function readEnv(source: Record<string, string | undefined> = process.env): AppEnv {
	const supabaseUrl = url('SUPABASE_URL', source.SUPABASE_URL);
	const anonKey = source.SUPABASE_ANON_KEY ?? source.PUBLIC_SUPABASE_ANON_KEY ?? '';
	if (supabaseUrl && !anonKey) throw new EnvError('SUPABASE_URL is set but SUPABASE_ANON_KEY is missing');
	const scale = source.DEMO_SCALE ?? 'county';
	if (!isDemoScale(scale)) throw new EnvError(`DEMO_SCALE must be ${DEMO_SCALES.join(', ')}, not ${scale}`);
	return {
		dataDir: source.DATA_DIR || '.data/db',
		databaseUrl: source.DATABASE_URL || null,
		supabase: supabaseUrl ? { url: supabaseUrl, anonKey } : null,
		basemapStyleUrl: url('BASEMAP_STYLE_URL', source.BASEMAP_STYLE_URL),
		basemapDir: source.BASEMAP_DIR || null,
		demoScale: scale
	};
}
