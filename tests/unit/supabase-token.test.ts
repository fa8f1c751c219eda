import { describe, expect, it } from 'vitest';
import { withAccessToken } from '../../src/lib/server/db/supabase.ts';

describe('the Supabase access token', () => {
	it('travels beside the claims, never inside the JSON other transports copy into the database', () => {
		const claims = withAccessToken(
			{ sub: 'u1', role: 'authenticated', app_metadata: { app_role: 'command' } },
			'eyJ.secret.token'
		);
		expect(JSON.stringify(claims)).not.toContain('secret');
		expect(Object.keys(claims)).toEqual(['sub', 'role', 'app_metadata']);
	});
});
