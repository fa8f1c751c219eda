// Who the request acts as. Until sign-in exists every visitor of the embedded demo acts as the
// city command room (reads everything, writes nothing), so RLS is exercised from day one.
import type { Claims } from './db/port.ts';

export const DEMO_COMMAND_CLAIMS: Claims = {
	sub: '00000000-0000-4000-8000-000000000001',
	role: 'authenticated',
	app_metadata: { app_role: 'command', station_id: null }
};

export function claimsFor(): Claims {
	return DEMO_COMMAND_CLAIMS;
}
