// Local sign-in for the embedded and self-hosted modes: the account is read through the data
// port as service_role, the password checked here, and a session row started in the database
// (so it can be ended from anywhere). The session carries the same claims Supabase Auth would
// put in its JWT, read afresh on every request.
import type { AppRole, Claims, DataPort } from '../db/port.ts';
import { decoyHash, hashPassword, MAX_PASSWORD_LENGTH, needsRehash, verifyPassword } from './password.ts';
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

interface SessionAccountRow extends Omit<AccountRow, 'password_hash' | 'disabled'> {
	expires_at: string;
}

export type SignInResult =
	| { ok: true; session: Session & { id: string } }
	| { ok: false; error: 'invalid_credentials' | 'account_disabled' }
	| { ok: false; error: 'sign_in_throttled'; retryAfter: number };

/** The keys failures are counted under: the account (whoever tries it) and the address. */
function failureKeys(email: string, address: string | null): string[] {
	const keys = [`account:${email.trim().toLowerCase().slice(0, 320)}`];
	if (address) keys.push(`address:${address.slice(0, 64)}`);
	return keys;
}

function sessionOf(row: SessionAccountRow, id: string): Session & { id: string } {
	return {
		id,
		name: row.display_name,
		exp: Math.floor(Date.parse(row.expires_at) / 1000),
		claims: {
			sub: row.id,
			role: 'authenticated',
			app_metadata: {
				app_role: row.app_role,
				station_id: row.station_id,
				county_id: row.county_id,
				officer_id: row.officer_id
			}
		}
	};
}

export async function signIn(
	port: DataPort,
	email: string,
	password: string,
	address: string | null = null
): Promise<SignInResult> {
	const keys = failureKeys(email, address);
	const { seconds } = await port.call<{ seconds: number }>('sign_in_wait', { keys }, SERVICE);
	if (seconds > 0) return { ok: false, error: 'sign_in_throttled', retryAfter: seconds };
	const account =
		password.length > MAX_PASSWORD_LENGTH
			? null
			: await port.call<AccountRow | null>('account_for_sign_in', { login: email }, SERVICE);
	// an unknown account is checked against a decoy hash: the same answer in the same time as a
	// wrong password, so accounts cannot be probed
	const right = await verifyPassword(password, account?.password_hash ?? (await decoyHash()));
	if (!account || !right) {
		await port.call('sign_in_failed', { keys }, SERVICE);
		return { ok: false, error: 'invalid_credentials' };
	}
	await port.call('sign_in_succeeded', { key: keys[0] }, SERVICE);
	if (account.disabled) return { ok: false, error: 'account_disabled' };
	if (needsRehash(account.password_hash)) {
		await port.call(
			'password_rehash',
			{ account_id: account.id, old_hash: account.password_hash, new_hash: await hashPassword(password) },
			SERVICE
		);
	}
	const { id } = await port.call<{ id: string }>(
		'session_start',
		{ account_id: account.id, hours: SESSION_HOURS },
		SERVICE
	);
	const row = await port.call<SessionAccountRow | null>('session_account', { session_id: id }, SERVICE);
	if (!row) return { ok: false, error: 'account_disabled' };
	return { ok: true, session: sessionOf(row, id) };
}

/** The session a cookie names, if it is still live; null once it ended, expired or was disabled. */
export async function sessionById(port: DataPort, id: string): Promise<Session | null> {
	const row = await port.call<SessionAccountRow | null>('session_account', { session_id: id }, SERVICE);
	return row ? sessionOf(row, id) : null;
}

export async function endSessionById(port: DataPort, id: string): Promise<void> {
	await port.call('session_end', { session_id: id }, SERVICE);
}

export interface DemoAccountListing {
	email: string;
	display_name: string;
	app_role: AppRole;
}

export function listDemoAccounts(port: DataPort): Promise<DemoAccountListing[]> {
	return port.call<DemoAccountListing[]>('demo_accounts', {}, SERVICE);
}
