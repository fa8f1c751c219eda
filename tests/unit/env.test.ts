import { describe, expect, it } from 'vitest';
import { EnvError, readEnv } from '../../src/lib/config/env.ts';
import { DEMO_SCALES } from '../../src/lib/types/domain.ts';

describe('readEnv', () => {
	it('defaults to the embedded database, the county demo and the offline basemap', () => {
		expect(readEnv({})).toEqual({
			dataDir: '.data/db',
			databaseUrl: null,
			supabase: null,
			basemapStyleUrl: null,
			basemapDir: null,
			demoScale: 'county'
		});
	});

	it('takes Supabase only with its key', () => {
		expect(() => readEnv({ SUPABASE_URL: 'https://x.example.org' })).toThrow(EnvError);
		expect(readEnv({ SUPABASE_URL: 'https://x.example.org', SUPABASE_ANON_KEY: 'k' }).supabase).toEqual({
			url: 'https://x.example.org/',
			anonKey: 'k'
		});
	});

	it('refuses a basemap that is not a URL and an unknown scale', () => {
		expect(() => readEnv({ BASEMAP_STYLE_URL: 'tiles please' })).toThrow(/BASEMAP_STYLE_URL/);
		expect(() => readEnv({ DEMO_SCALE: 'planet' })).toThrow(/DEMO_SCALE/);
	});

	it('takes every demo scale the generator makes', () => {
		for (const scale of DEMO_SCALES) expect(readEnv({ DEMO_SCALE: scale }).demoScale).toBe(scale);
	});
});
