// Local sign-in for the embedded and self-hosted modes: the account is read through the data
// port as service_role, the password checked here, and the session carries the same claims
// Supabase Auth would put in its JWT.
import type { AppRole, Claims, DataPort } from '../db/port.ts';
import { verifyPassword } from './password.ts';
import type { Session } from './session-token.ts';

export const SESSION_HOURS = 12;

const SERVICE: Claims = { sub: '00000000-0000-0000-0000-000000000000', role: 'service_role' };

interface AccountRow {
	id: string;
	display_name: string;
	password_hash: string;
	app_role: AppRole;
	station_id: number | null;
	county_id: number | null;
	officer_id: number | null;
	disabled: boolean;
}

export type SignInResult =
	{ ok: true; session: Session } | { ok: false; error: 'invalid_credentials' | 'account_disabled' };

export async function signIn(
	port: DataPort,
	email: string,
	password: string,
	now = Date.now()
): Promise<SignInResult> {
	const account = await port.call<AccountRow | null>('account_for_sign_in', { login: email }, SERVICE);
	// the same answer for an unknown email and a wrong password, so accounts cannot be probed
	if (!account || !(await verifyPassword(password, account.password_hash)))
		return { ok: false, error: 'invalid_credentials' };
	if (account.disabled) return { ok: false, error: 'account_disabled' };
	return {
		ok: true,
		session: {
			name: account.display_name,
			exp: Math.floor(now / 1000) + SESSION_HOURS * 3600,
			claims: {
				sub: account.id,
				role: 'authenticated',
				app_metadata: {
					app_role: account.app_role,
					station_id: account.station_id,
					county_id: account.county_id,
					officer_id: account.officer_id
				}
			}
		}
	};
}

export interface DemoAccountListing {
	email: string;
	display_name: string;
	app_role: AppRole;
}

export function listDemoAccounts(port: DataPort): Promise<DemoAccountListing[]> {
	return port.call<DemoAccountListing[]>('demo_accounts', {}, SERVICE);
}
