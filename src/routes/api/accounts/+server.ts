// Local accounts for admins: list and create. The database checks the caller is an admin and
// audits; the server only validates the form and hashes the password (never stored in clear).
import { error, json } from '@sveltejs/kit';
import { hashPassword, MIN_PASSWORD_LENGTH } from '$lib/server/auth/password';
import { dataPort } from '$lib/server/db';
import { dataErrorResponse, jsonBody, jsonText } from '$lib/server/respond';
import { APP_ROLES, type AppRole } from '$lib/types/domain';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
	try {
		return jsonText(await (await dataPort()).callJson('list_accounts', {}, locals.claims));
	} catch (e) {
		return dataErrorResponse(e);
	}
};

function optionalId(value: unknown): number | null {
	if (value === null || value === undefined || value === '') return null;
	const n = Number(value);
	if (!Number.isSafeInteger(n) || n <= 0) error(400, 'invalid_id');
	return n;
}

export const POST: RequestHandler = async ({ request, locals }) => {
	const body = await jsonBody(request);
	const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
	const display_name = typeof body.display_name === 'string' ? body.display_name.trim() : '';
	const password = typeof body.password === 'string' ? body.password : '';
	if (!/^[^\s@]+@[^\s@]+$/.test(email)) error(400, 'invalid_email');
	if (!display_name) error(400, 'display_name_missing');
	if (!(APP_ROLES as readonly unknown[]).includes(body.app_role)) error(400, 'invalid_role');
	if (password.length < MIN_PASSWORD_LENGTH) error(400, 'password_too_short');
	try {
		const result = await (
			await dataPort()
		).call(
			'create_account',
			{
				email,
				display_name,
				app_role: body.app_role as AppRole,
				station_id: optionalId(body.station_id),
				county_id: optionalId(body.county_id),
				officer_id: optionalId(body.officer_id),
				password_hash: await hashPassword(password)
			},
			locals.claims
		);
		return json(result, { status: 201 });
	} catch (e) {
		return dataErrorResponse(e);
	}
};
